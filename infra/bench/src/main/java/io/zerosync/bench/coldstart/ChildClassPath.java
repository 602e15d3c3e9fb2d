package io.zerosync.bench.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The child JVM's class path: the deployment jar as template.yaml ships it, plus only the child package of
 * this module (the runner and the plain-Java floors) copied out to a directory. The bench jar itself is not
 * on it: its manifest would pull in the whole local cloud.
 */
final class ChildClassPath {
    private static final String PACKAGE = "io/zerosync/bench/coldstart/child/";

    private ChildClassPath() {
    }

    static Path build(Path functionsJar, Path workDir) throws IOException {
        if (!Files.isRegularFile(functionsJar)) {
            throw new IllegalStateException(functionsJar + " is missing: build it first (./mvnw -o -DskipTests package)");
        }
        Path classes = Files.createDirectories(workDir.resolve("child-classes"));
        Path source;
        try {
            source = Path.of(ChildClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source.resolve(PACKAGE))) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path target = classes.resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                    if (entry.getName().startsWith(PACKAGE) && !entry.isDirectory()) {
                        Path target = classes.resolve(entry.getName());
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        return Path.of(classes + java.io.File.pathSeparator + functionsJar.toAbsolutePath());
    }
}
