package io.zerosync.kernel.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel is the same for every application built on it. An allow-list, not a deny-list: its classes may
 * use the JDK, the event contract and each other, and nothing else — no example application, no AWS SDK, no
 * Micronaut, nor whatever gets added to the build next.
 */
class KernelArchitectureTest {
    static final String[] ALLOWED = {"java..", "io.zerosync.kernel..", "io.zerosync.events.."};

    private static final JavaClasses KERNEL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerosync.kernel");

    @Test
    void kernelClassesDependOnlyOnTheJdkTheEventContractAndTheKernel() {
        assertTrue(KERNEL.size() > 30, "the kernel's classes were imported: " + KERNEL.size());
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED).check(KERNEL);
    }

    /** The rule above is not vacuous: a class that uses anything else (here ArchUnit) breaks it. */
    @Test
    void theAllowListCatchesADependencyNobodyDenied() {
        JavaClasses offender = new ClassFileImporter().importClasses(UsesSomethingElse.class);
        EvaluationResult result = classes().should().onlyDependOnClassesThat().resideInAnyPackage(ALLOWED)
                .evaluate(offender);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("com.tngtech.archunit"),
                result.getFailureReport().toString());
    }

    /** No name of the example application anywhere in the kernel's sources: code, strings or comments. */
    @Test
    void kernelSourcesNameNoShop() throws IOException {
        Path sources = Path.of("src/main/java");
        List<String> offending;
        try (Stream<Path> files = Files.walk(sources)) {
            offending = files.filter(f -> f.toString().endsWith(".java")).filter(KernelArchitectureTest::namesAShop)
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offending);
    }

    private static boolean namesAShop(Path file) {
        try {
            return Files.readString(file).toLowerCase(Locale.ROOT).contains("shop");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class UsesSomethingElse {
        final Object rule = com.tngtech.archunit.lang.EvaluationResult.class;
    }
}
