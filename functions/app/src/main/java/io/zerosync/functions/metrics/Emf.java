package io.zerosync.functions.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.concurrent.CompletableFuture;

/**
 * Zerosync's CloudWatch metrics, as Embedded Metric Format documents built by AWS's aws-embedded-metrics
 * library: namespace {@code Zerosync}, and exactly the dimensions a caller names (none unless it does), so the
 * series are those template.yaml's alarms watch — the library's default dimensions (log group, service
 * name and type) would make other series. On Lambda each document is one stdout line, which CloudWatch Logs
 * extracts into metrics; elsewhere (the local cloud, tests) it goes to the caller's SLF4J logger, where
 * tests read it. The environment is chosen here rather than probed: the library's probing may ask EC2's
 * metadata endpoint, which costs seconds where there is none.
 */
public final class Emf {
    public static final String NAMESPACE = "Zerosync";

    private final Environment environment;

    private Emf(Environment environment) {
        this.environment = environment;
    }

    /** Metrics for the named logger's component (the logger local documents go to). */
    public static Emf forLogger(String loggerName) {
        boolean onLambda = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
        return new Emf(onLambda ? new LambdaEnvironment() : new LoggedEnvironment(LoggerFactory.getLogger(loggerName)));
    }

    /** A fresh document in namespace Zerosync with no dimensions; put values, then {@code flush()}. */
    public MetricsLogger metrics() {
        return metrics(new DimensionSet());
    }

    /** A fresh document in namespace Zerosync with exactly these dimensions. */
    public MetricsLogger metrics(DimensionSet dimensions) {
        MetricsLogger metrics = new MetricsLogger(environment);
        metrics.setNamespace(NAMESPACE);
        metrics.setDimensions(false, dimensions);
        return metrics;
    }

    /** Writes each document to an SLF4J logger at INFO: outside Lambda, where nobody extracts stdout. */
    private record LoggedEnvironment(Logger log) implements Environment, ISink {
        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return "Zerosync";
        }

        @Override
        public String getType() {
            return "Local";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        @Override
        public void configureContext(MetricsContext context) {
        }

        @Override
        public ISink getSink() {
            return this;
        }

        @Override
        public void accept(MetricsContext context) {
            try {
                for (String document : context.serialize()) {
                    log.info(document);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("EMF document not serialisable", e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
