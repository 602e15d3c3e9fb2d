package io.zerosync.bench;

import io.zerosync.local.LocalCloudOptions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the command line asked for: the parts to run, where results go, and {@code --quick} (smaller sizes
 * and shorter runs, to check the bench itself works; its figures are not the ones README quotes).
 * Parts read their own knobs with {@link #intOption} ({@code --reimport.shops=10000,100000} style).
 */
public record BenchOptions(Path template, Path outputDir, boolean quick, Map<String, String> settings) {

    public static BenchOptions parse(String[] args, Path workingDirectory) {
        Path out = workingDirectory.resolve("bench-results");
        boolean quick = false;
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length())).toAbsolutePath();
            } else if (arg.startsWith("--") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                settings.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return new BenchOptions(LocalCloudOptions.findTemplate(workingDirectory), out, quick, Map.copyOf(settings));
    }

    public String option(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    public int intOption(String key, int full, int quickValue) {
        String value = settings.get(key);
        return value != null ? Integer.parseInt(value) : (quick ? quickValue : full);
    }

    /** The directory of the repository (where template.yaml is), for parts that spawn JVMs on its jars. */
    public Path repoRoot() {
        return template.toAbsolutePath().getParent();
    }
}
