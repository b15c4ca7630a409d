package nl.consilium.architecture;

import static nl.consilium.architecture.ModuleRules.dependsOnlyOn;
import static nl.consilium.architecture.ModuleRules.doesNotDependOn;
import static nl.consilium.architecture.ModuleRules.onlyApiPackageUsedFromOutside;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the module table of DESIGN.md true for the production classes of every module on this classpath. */
class ModuleBoundariesTest {

    static final String POLICY = "nl.consilium.policy";
    static final String AUDIT = "nl.consilium.audit";
    static final String RAG = "nl.consilium.rag";
    static final String EHR = "nl.consilium.ehr";
    static final String APP = "nl.consilium.app";

    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.consilium");
    }

    @Test
    void everyModuleIsOnTheClasspath() {
        // Guards against the rules passing vacuously because a module's classes were not imported.
        for (String module : new String[] {POLICY, AUDIT, RAG, EHR, APP}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(module)))
                    .as("classes of %s imported", module).isTrue();
        }
    }

    @Test
    void policyDependsOnlyOnTheJdkAndJackson() {
        dependsOnlyOn(POLICY, "tools.jackson..", "com.fasterxml.jackson.annotation..", "org.yaml.snakeyaml..")
                .check(production);
    }

    @Test
    void auditCoreDependsOnlyOnTheJdkAndJdbc() {
        dependsOnlyOn(AUDIT, "java.sql..", "javax.sql..", "javax.crypto..", "org.postgresql..", "org.flywaydb..",
                "tools.jackson..", "com.fasterxml.jackson.annotation..", "org.slf4j..")
                .check(production);
    }

    @Test
    void ragIndexAndEhrAdapterUseOnlyThePolicyModule() {
        doesNotDependOn(RAG, AUDIT, EHR, APP).check(production);
        doesNotDependOn(EHR, AUDIT, RAG, APP).check(production);
        doesNotDependOn(RAG, "org.springframework.boot", "org.springframework.web", "ca.uhn", "org.hl7")
                .check(production);
        doesNotDependOn(EHR, "org.springframework", "org.opensearch", "com.pgvector").check(production);
    }

    @Test
    void policyAndAuditDependOnNoOtherModule() {
        doesNotDependOn(POLICY, AUDIT, RAG, EHR, APP).check(production);
        doesNotDependOn(AUDIT, POLICY, RAG, EHR, APP).check(production);
    }

    @Test
    void modulesAreReachedOnlyThroughTheirApiPackage() {
        for (String module : new String[] {POLICY, AUDIT, RAG, EHR}) {
            onlyApiPackageUsedFromOutside(module).check(production);
        }
    }
}
