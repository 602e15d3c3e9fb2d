package io.zerosync.functions.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a logger wrote while open, each event encoded by the functions' own JSON encoder and parsed back. */
public final class CapturedLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final LogstashEncoder encoder;

    public CapturedLog(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        encoder = LambdaLogging.jsonEncoder((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        logger.addAppender(appender);
    }

    /** Each line as the function would write it, parsed. */
    public List<JsonNode> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream().map(e -> {
            try {
                return JSON.readTree(new String(encoder.encode(e), StandardCharsets.UTF_8));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }).toList();
    }

    /** The raw messages (EMF documents are whole messages). */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
