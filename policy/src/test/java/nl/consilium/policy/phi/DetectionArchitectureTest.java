package nl.consilium.policy.phi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import nl.consilium.policy.Detection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection, pseudonymisation and intent classification are pure JDK code behind the policy API:
 * no Jackson, no I/O libraries, and no knowledge of each other's internals or of the decision engine.
 */
class DetectionArchitectureTest {

    private static JavaClasses classes;

    /**
     * Only the module's own main classes, and without resolving every JDK class they touch from the
     * classpath: the rules look at package names only, and full resolution costs seconds.
     */
    @BeforeAll
    static void importMainClasses() {
        ArchConfiguration config = ArchConfiguration.get();
        boolean before = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().importLocations(Set.of(Location.of(
                    Detection.class.getProtectionDomain().getCodeSource().getLocation())));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(before);
        }
    }

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
