package nl.consilium.policy.phi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Detection, pseudonymisation and intent classification are pure JDK code behind the policy API:
 * no Jackson, no I/O libraries, and no knowledge of each other's internals or of the decision engine.
 */
class DetectionArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            // by location rather than DO_NOT_INCLUDE_TESTS: the build directory may be target-x (parallel builds)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("nl.consilium.policy");

    @Test
    void detectionPackagesUseOnlyTheJdkAndThePolicyApi() {
        classes().that().resideInAnyPackage("nl.consilium.policy.phi..", "nl.consilium.policy.pseudonym..", "nl.consilium.policy.intent..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "nl.consilium.policy", "nl.consilium.policy.phi..",
                        "nl.consilium.policy.pseudonym..", "nl.consilium.policy.intent..")
                .check(classes);
    }

    @Test
    void pseudonymisationAndIntentDoNotReachIntoTheDetectorsInternals() {
        noClasses().that().resideInAnyPackage("nl.consilium.policy.pseudonym..", "nl.consilium.policy.intent..")
                .should().dependOnClassesThat().resideInAPackage("nl.consilium.policy.phi..")
                .check(classes);
    }
}
