package io.zerosync.functions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Handlers and controllers stay thin: they parse, call a use case, map the result. Talking to AWS is
 * the adapters' job (infra/aws), wired in one place (the config factories).
 */
class FunctionsArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zerosync");

    @Test
    void entryPointsDoNotTalkToAwsThemselves() {
        noClasses().that().resideInAnyPackage("io.zerosync.functions.http..", "io.zerosync.functions.sync..",
                        "io.zerosync.functions.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void adaptersDependOnTheCore_neverTheOtherWayRound() {
        noClasses().that().resideInAPackage("io.zerosync.shop..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zerosync.aws..", "io.zerosync.functions..")
                .check(classes);
        noClasses().that().resideInAPackage("io.zerosync.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zerosync.functions..", "io.micronaut..")
                .check(classes);
    }
}
