package nl.consilium.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** DESIGN.md: the audit core is JDK + JDBC only (no Spring, no FHIR library), and the API does not leak internals. */
class ArchitectureTest {
    // Only the module's own classes: scanning the classpath for the package would open every jar (HAPI is large).
    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Path.of("target", "classes"));

    @Test
    void noSpringNoHapiNoOtherConsiliumModules() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "ca.uhn..", "org.hl7..", "nl.consilium.policy..", "nl.consilium.rag..",
                        "nl.consilium.ehr..", "nl.consilium.chatbot..")
                .check(main);
    }

    @Test
    void dependenciesOnLibrariesAreSeenEvenWithoutResolvingThem() {
        // Guards the rules above: with archunit.properties not resolving library classes, a
        // dependency must still be recorded by name, or every "no dependency" rule would pass vacuously.
        assertThat(main.get(nl.consilium.audit.store.EventColumns.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getPackageName().equals("java.sql"));
        assertThat(main.get(nl.consilium.audit.export.CsvExport.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("tools.jackson"));
    }

    @Test
    void internalsDoNotDependOnEachOtherInCycles() {
        noClasses().that().resideInAPackage("nl.consilium.audit.chain..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.consilium.audit.store..", "nl.consilium.audit.query..",
                        "nl.consilium.audit.export..", "nl.consilium.audit.verify..")
                .check(main);
        noClasses().that().resideInAPackage("nl.consilium.audit.export..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .check(main);
    }
}
