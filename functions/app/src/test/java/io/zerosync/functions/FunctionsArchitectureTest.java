package io.zerosync.functions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /**
     * Entry points see ports and the wiring layer only: which adapter (AWS, or the local cloud's stand-ins)
     * serves them is decided in config, so a handler never names one.
     */
    @Test
    void entryPointsNameNoAdapterAndNoLocalCloudClass() {
        ENTRY_POINTS_FREE_OF_ADAPTERS.check(classes);
    }

    static final ArchRule ENTRY_POINTS_FREE_OF_ADAPTERS = noClasses().that()
            .resideInAnyPackage("io.zerosync.functions.admin..", "io.zerosync.functions.http..",
                    "io.zerosync.functions.sync..", "io.zerosync.functions.outbox..")
            .should().dependOnClassesThat().resideInAnyPackage("io.zerosync.aws..", "io.zerosync.local..");

    /** The rule can fail: a handler-like class that names an adapter breaks it. */
    @Test
    void theAdapterRuleCatchesAnEntryPointThatNamesAnAdapter() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                io.zerosync.functions.admin.testfixture.NamesAnAdapter.class, io.zerosync.aws.dynamodb.Timestamps.class);
        assertThrows(AssertionError.class, () -> ENTRY_POINTS_FREE_OF_ADAPTERS.check(offender));
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
