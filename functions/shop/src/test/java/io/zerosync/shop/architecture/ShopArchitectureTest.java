package io.zerosync.shop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application knows its domain, the kernel and the event contract, and not how it is deployed. An
 * allow-list: no AWS SDK, no Lambda runtime, no Micronaut, nor anything else added to the build later.
 */
class ShopArchitectureTest {
    private final JavaClasses shop = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerosync.shop");

    @Test
    void theShopCatalogDependsOnlyOnTheJdkTheKernelAndTheEventContract() {
        assertTrue(shop.size() > 20, "the shop catalog's classes were imported: " + shop.size());
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                "java..", "io.zerosync.shop..", "io.zerosync.kernel..", "io.zerosync.events..").check(shop);
    }

    @Test
    void domainDependsOnNothingButItself() {
        noClasses().that().resideInAPackage("io.zerosync.shop.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.zerosync.shop.port..", "io.zerosync.shop.command..", "io.zerosync.shop.source..")
                .check(shop);
    }
}
