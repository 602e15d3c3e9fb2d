package io.zerosync.local.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zerosync.functions.logging.LambdaLogging;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What the named loggers wrote while open, each line as a deployed function writes it: encoded by the
 * functions' own JSON encoder ({@link LambdaLogging#jsonEncoder}) with the MDC of the moment, parsed back.
 * The local cloud itself logs plain text (its logback.xml); tests read the JSON a function would have written.
 */
public final class JsonLogCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Logger> loggers;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final LogstashEncoder encoder;

    public JsonLogCapture(String... loggerNames) {
        encoder = LambdaLogging.jsonEncoder((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        loggers = Arrays.stream(loggerNames).map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
        loggers.forEach(l -> l.addAppender(appender));
    }

    /** Every line so far, as JSON. */
    public List<JsonNode> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) { // the appender appends under its own lock
            events = List.copyOf(appender.list);
        }
        return events.stream().map(this::encoded).toList();
    }

    /** The lines whose {@code event} field is {@code event}. */
    public List<JsonNode> events(String event) {
        return lines().stream().filter(l -> event.equals(l.path("event").asText())).toList();
    }

    /** The raw messages: an EMF document is a whole message. */
    public List<String> messages() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private JsonNode encoded(ILoggingEvent event) {
        try {
            return JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.detachAppender(appender));
    }
}
