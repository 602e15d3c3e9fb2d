package io.zerosync.shop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The example application must not know how it is deployed: no AWS SDK, no Lambda runtime, no Micronaut. */
class ShopArchitectureTest {
    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerosync.shop", "io.zerosync.events");

    @Test
    void theShopCatalogUsesNoAwsSdkNoLambdaRuntimeAndNoMicronaut() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "io.micronaut..", "jakarta.inject..")
                .check(core);
    }

    @Test
    void domainDependsOnNothingButItself() {
        noClasses().that().resideInAPackage("io.zerosync.shop.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.zerosync.shop.port..", "io.zerosync.shop.command..", "io.zerosync.shop.source..")
                .check(core);
    }
}
