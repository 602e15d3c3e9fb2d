package io.zerosync.functions.logging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log lines and metrics come from the libraries (logstash-logback-encoder's structured arguments,
 * aws-embedded-metrics), never from strings a call site assembles: such strings break on a quote in a value,
 * and an EMF document inside a JSON log line's message is one CloudWatch no longer extracts.
 */
class NoHandBuiltLogLinesTest {
    /** The modules whose main code runs in the functions or the local cloud beside them. */
    private static final List<String> MODULES = List.of("events", "functions/kernel", "functions/shop", "functions/app", "infra/aws",
            "infra/local");
    private static final List<Pattern> FORBIDDEN = List.of(
            // a JSON object literal as a log message: LOG.warn("{\"event\":...
            Pattern.compile("\\b(LOG|log|logger)\\.(trace|debug|info|warn|error)\\(\\s*\"\\{\\\\\""),
            // a JSON tree built for a log line: LOG.info(node.toString())
            Pattern.compile("\\b(LOG|log|logger)\\.(trace|debug|info|warn|error)\\([^\"]*\\.toString\\(\\)\\)"),
            // an EMF document built by hand
            Pattern.compile("\"_aws\"|\"CloudWatchMetrics\""));

    @Test
    void noSourceAssemblesALogLineOrEmfDocumentByHand() throws IOException {
        Path root = repositoryRoot();
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    scanned++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (FORBIDDEN.stream().anyMatch(p -> p.matcher(line).find())) {
                            offenders.add(root.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 100, "the scan found the sources (" + scanned + " files)");
        assertEquals(List.of(), offenders, "use StructuredArguments.kv / Emf instead");
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
