package io.zerosync.functions.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The functions' logging, configured in code: one console appender writing one JSON object per line
 * (logstash-logback-encoder), INFO, Micronaut and the SDK at WARN, without parsing XML on every cold start,
 * which loaded some 120 XML classes and took a tenth of a second. Each line carries {@code timestamp},
 * {@code level}, {@code logger}, {@code message}, the MDC's correlation IDs ({@link Correlation}) and the
 * fields a call passes as structured arguments. A logback.xml on the class path (the local cloud's jar, a
 * test's) still wins: then this steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class LambdaLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LambdaLogging.class.getClassLoader();
        if (loader.getResource("logback.xml") != null || loader.getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogstashEncoder encoder = jsonEncoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("io.micronaut").setLevel(Level.WARN);
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The JSON encoder of every function's log line (tests encode captured events with it too). Short field
     * names, no thread (one per invocation) and no numeric level: CloudWatch Logs Insights queries read
     * {@code level} and the fields by name.
     */
    public static LogstashEncoder jsonEncoder(LoggerContext context) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.getFieldNames().setTimestamp("timestamp");
        encoder.getFieldNames().setLogger("logger");
        encoder.getFieldNames().setVersion("[ignore]");
        encoder.getFieldNames().setLevelValue("[ignore]");
        encoder.getFieldNames().setThread("[ignore]");
        encoder.start();
        return encoder;
    }
}
