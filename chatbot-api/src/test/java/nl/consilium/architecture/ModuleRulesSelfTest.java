package nl.consilium.architecture;

import static nl.consilium.architecture.ModuleRules.dependsOnlyOn;
import static nl.consilium.architecture.ModuleRules.onlyApiPackageUsedFromOutside;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Shows that the boundary rules fail when a forbidden dependency is added: the same rules, applied to a
 * deliberately bad fixture module ({@code nl.consilium.archfixture}), report each violation.
 */
class ModuleRulesSelfTest {

    static final String BAD_MODULE = "nl.consilium.archfixture.policy";

    final JavaClasses fixture = new ClassFileImporter().importPackages("nl.consilium.archfixture");

    @Test
    void aSpringOrStorageDependencyInAFrameworkFreeModuleIsReported() {
        EvaluationResult result = dependsOnlyOn(BAD_MODULE, "tools.jackson..").evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("org.springframework.stereotype.Component")
                .contains("java.sql.Connection");
    }

    @Test
    void useOfAnotherModulesInternalPackageIsReported() {
        EvaluationResult result = onlyApiPackageUsedFromOutside(BAD_MODULE).evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("UsesInternalClass")
                .contains("archfixture.policy.internal.InternalRule");
    }

    @Test
    void aCleanModuleHasNoViolation() {
        EvaluationResult result = onlyApiPackageUsedFromOutside("nl.consilium.archfixture.consumer").evaluate(fixture);

        assertThat(result.hasViolation()).isFalse();
    }
}
