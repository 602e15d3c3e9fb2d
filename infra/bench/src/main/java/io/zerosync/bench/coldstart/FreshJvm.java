package io.zerosync.bench.coldstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cold start: a new JVM on the functions jar with one function's environment, which constructs the
 * handler, answers one event and prints {@code done}. Timed from just before the process is spawned to the
 * moment its {@code done} line arrives, so JVM start, class loading, the handler's construction and the
 * first invocation are all in it.
 */
final class FreshJvm {
    private final Path classPath;
    private final Path logDir;

    FreshJvm(Path classPath, Path logDir) {
        this.classPath = classPath;
        this.logDir = logDir;
    }

    /** Wall time spawn -> answer, the child's one-line answer, and the CPU time it reported (-1 if none). */
    record Result(long millis, String answer) {
        long cpuMillis() {
            int at = answer.indexOf("cpuMs=");
            return at < 0 ? -1 : Long.parseLong(answer.substring(at + "cpuMs=".length()).split(" ")[0]);
        }
    }

    Result run(String label, String handler, String eventKind, Path event, Map<String, String> environment)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath.toString(),
                "io.zerosync.bench.coldstart.child.ColdStartChild", handler, eventKind, event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what Lambda would set: the function's variables (JAVA_TOOL_OPTIONS among them), region, identity.
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path log = logDir.resolve(label + ".log");
        builder.redirectError(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        String done = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("done ")) {
                    done = line;
                    break;
                }
                output.add(line);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.write(logDir.resolve(label + ".out"), output);
            if (done == null) {
                throw new IllegalStateException(label + ": the child ended without answering (exit "
                        + process.exitValue() + "); see " + log);
            }
            return new Result(millis, done.substring("done ".length()));
        }
    }
}
