package nl.consilium.ehr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Boundaries inside ehr-adapter. */
class ArchitectureTest {

    // Only this module's compiled classes: scanning every jar on the class path for the package costs seconds.
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Path.of("target", "classes"));

    @Test
    void clientSideNeverUsesTheSandbox() {
        noClasses().that().resideInAnyPackage("nl.consilium.ehr.client..", "nl.consilium.ehr.context..", "nl.consilium.ehr.trend..")
                .should().dependOnClassesThat().resideInAPackage("nl.consilium.ehr.sandbox..")
                .check(CLASSES);
    }

    @Test
    void sandboxIsIndependentOfTheClient() {
        noClasses().that().resideInAPackage("nl.consilium.ehr.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.consilium.ehr.client..", "nl.consilium.ehr.context..",
                        "nl.consilium.ehr.trend..")
                .check(CLASSES);
    }

    @Test
    void noSpringInTheAdapter() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(CLASSES);
    }

    @Test
    void policyIsUsedOnlyThroughItsApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("nl.consilium.policy.(*)..").check(CLASSES);
    }
}
