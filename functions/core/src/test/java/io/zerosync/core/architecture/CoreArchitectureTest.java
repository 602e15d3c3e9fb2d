package io.zerosync.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The core must not know how it is deployed: no AWS SDK, no Lambda runtime, no Micronaut. */
class CoreArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerosync.core", "io.zerosync.events");

    @Test
    void coreUsesNoAwsSdkNoLambdaRuntimeAndNoMicronaut() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "io.micronaut..", "jakarta.inject..")
                .check(core);
    }

    @Test
    void domainDependsOnNothingButItself() {
        noClasses().that().resideInAPackage("io.zerosync.core.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.zerosync.core.port..", "io.zerosync.core.command..", "io.zerosync.core.source..")
                .check(core);
    }
}
