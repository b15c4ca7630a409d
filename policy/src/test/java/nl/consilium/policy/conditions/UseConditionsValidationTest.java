package nl.consilium.policy.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsException;
import nl.consilium.policy.UseConditionsException.Violation;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule, each with a small file in src/test/resources/use-conditions/invalid/ that
 * differs from valid-minimal.yaml by one mistake: the loader must name the file, the key path and the
 * line, and say what to fix.
 */
class UseConditionsValidationTest {

    static final Path DIR = Path.of("src", "test", "resources", "use-conditions");

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                // file, key path of the (first) violation, fragment of the problem, fragment of the fix
                Arguments.of("unknown-top-level-key", "versoin", "unknown key 'versoin'", "did you mean 'version'"),
                Arguments.of("missing-deployment", "deployment", "required key 'deployment' is missing", "deployment:"),
                Arguments.of("missing-pseudonymised-declaration", "applications[0].pseudonymised_patient_data_allowed",
                        "required key", "FMS declaration 2"),
                Arguments.of("missing-personal-data-declaration", "applications[0].personal_data_allowed", "required key", "FMS declaration 3"),
                Arguments.of("missing-cds-declaration", "applications[0].clinical_decision_support", "required key", "FMS declaration 4"),
                Arguments.of("missing-cds-enabled", "applications[0].clinical_decision_support.enabled", "required key 'enabled'",
                        "FMS declaration 4"),
                Arguments.of("missing-intended-use", "applications[0].intended_use", "required key", "FMS declaration 1"),
                Arguments.of("missing-allowed-roles", "applications[0].allowed_roles", "required key", "FMS declaration 1"),
                Arguments.of("empty-allowed-roles", "applications[0].allowed_roles", "no role may use", "enabled: false"),
                Arguments.of("cds-on-without-mdr-basis", "applications[0].clinical_decision_support.mdr_basis",
                        "without a recorded MDR basis", "set enabled: false"),
                Arguments.of("cds-on-without-validation-reference", "applications[0].clinical_decision_support.validation_reference",
                        "without a validation reference", "clinical validation"),
                Arguments.of("model-endpoint-not-on-allow-list", "applications[0].model_endpoints[0]", "not on the allow-list",
                        "internal-llm"),
                Arguments.of("model-endpoint-trains-on-inputs", "model_endpoints[0].no_training_on_inputs", "may train on inputs",
                        "remove the endpoint"),
                Arguments.of("model-endpoint-training-undeclared", "model_endpoints[0].no_training_on_inputs", "required key",
                        "no_training_on_inputs: true"),
                Arguments.of("model-endpoint-invalid-base-url", "model_endpoints[0].base_url", "not an absolute http(s) URL", "http://"),
                Arguments.of("duplicate-model-endpoint-id", "model_endpoints[1].id", "used twice", "its own id"),
                Arguments.of("duplicate-application-id", "applications[1].id", "used twice (first on line 19)", "its own id"),
                Arguments.of("unknown-role", "applications[0].allowed_roles[0]", "role 'nurse' is not declared", "clinician"),
                Arguments.of("duplicate-role-in-allowed-roles", "applications[0].allowed_roles[1]", "listed twice", "remove the duplicate"),
                Arguments.of("invalid-role-id", "roles[0].id", "not a valid id", "lower-case letters"),
                Arguments.of("invalid-fhir-resource-type", "applications[0].fhir_resource_types[1]", "'Labresult' is not a FHIR R4 resource type",
                        "Observation"),
                Arguments.of("fhir-types-without-patient-data", "applications[0].fhir_resource_types", "may process no patient data",
                        "fhir_resource_types: []"),
                Arguments.of("personal-data-without-pseudonymised", "applications[0].pseudonymised_patient_data_allowed", "contradictory",
                        "pseudonymised_patient_data_allowed: true"),
                Arguments.of("invalid-retention", "applications[0].conversation_retention", "not a duration", "P30D"),
                Arguments.of("retention-in-months", "applications[0].conversation_retention", "'P1M' is not a duration",
                        "Months and years are not accepted"),
                Arguments.of("negative-retention", "applications[0].conversation_retention", "negative", "P0D"),
                Arguments.of("boolean-written-as-yes", "applications[0].personal_data_allowed", "expected true or false", "exactly true or false"),
                Arguments.of("boolean-in-quotes", "applications[0].personal_data_allowed", "expected true or false", "without quotes"),
                Arguments.of("misspelt-application-key", "applications[0].disclaimer", "required key 'disclaimer' is missing", "disclaimer:"),
                Arguments.of("missing-english-title", "applications[0].title.en", "required key 'en' is missing", "English text"),
                Arguments.of("unknown-language-in-text", "applications[0].title.de", "unknown key 'de'", "nl, en"),
                Arguments.of("unknown-knowledge-source", "applications[0].knowledge_sources[0]", "'kb-richtlijnen' is not declared", "kb"),
                Arguments.of("unknown-training", "applications[0].required_training", "'basic' is not declared", "did you mean 'basis'"),
                Arguments.of("missing-required-training", "applications[0].required_training", "required key", "required_training: none"),
                Arguments.of("training-id-none", "trainings[0].id", "'none' cannot be a training id", "another id"),
                Arguments.of("missing-terms-version", "applications[0].terms_version", "required key", "terms_version"),
                Arguments.of("duplicate-yaml-key", "applications[0].terms_version", "appears twice", "keep one"),
                Arguments.of("not-yaml", "", "not valid YAML (while parsing a flow sequence", "YAML syntax"),
                Arguments.of("tab-indentation", "", "Do not use TAB for indentation", "indent with spaces only"),
                Arguments.of("two-documents", "", "more than one YAML document", "remove the second '---'"),
                Arguments.of("applications-not-a-list", "applications", "expected a list", "'- item'"),
                Arguments.of("application-not-a-map", "applications[0]", "expected an application", "key: value"),
                Arguments.of("no-applications", "applications", "no applications are declared", "at least one application"),
                Arguments.of("empty", "", "the file is empty", "version:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void namesFileKeyPathLineAndFix(String name, String keyPath, String problem, String fix) {
        Path file = DIR.resolve("invalid").resolve(name + ".yaml");

        UseConditionsException e = catchThrowableOfType(UseConditionsException.class, () -> UseConditionsLoader.load(file));

        assertThat(e).as("%s must be refused", name).isNotNull();
        assertThat(e.violations()).as("violations of %s", name)
                .anySatisfy(v -> {
                    assertThat(v.keyPath()).isEqualTo(keyPath);
                    assertThat(v.problem()).contains(problem);
                    assertThat(v.fix()).contains(fix);
                    assertThat(v.file()).isEqualTo(file.toString());
                    if (!name.equals("empty")) {
                        assertThat(v.line()).as("line of %s", keyPath).isPositive();
                    }
                });
        assertThat(e.getMessage()).contains(file.toString()).contains(keyPath).contains("Fix: ");
    }

    @Test
    void everyInvalidFileIsCoveredByACase() throws Exception {
        List<String> covered = invalidFiles().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(DIR.resolve("invalid"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".yaml", "")))
                    .containsExactlyInAnyOrderElementsOf(covered);
        }
    }

    @Test
    void syntaxErrorsPointAtTheOffendingLine() {
        Path file = DIR.resolve("invalid").resolve("tab-indentation.yaml");
        UseConditionsException e = catchThrowableOfType(UseConditionsException.class, () -> UseConditionsLoader.load(file));
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.line()).isEqualTo(33));
    }

    @Test
    void theBaseFileIsValid() {
        UseConditions c = UseConditionsLoader.load(DIR.resolve("valid-minimal.yaml"));
        assertThat(c.applications()).singleElement().satisfies(a -> {
            assertThat(a.enabled()).as("enabled defaults to true").isTrue();
            assertThat(a.requiredTraining()).isEmpty();
        });
    }

    @Test
    void reportsAllProblemsAtOnceInFileOrder() {
        Path file = DIR.resolve("many-problems.yaml");

        UseConditionsException e = catchThrowableOfType(UseConditionsException.class, () -> UseConditionsLoader.load(file));

        assertThat(e.violations()).extracting(Violation::keyPath).contains(
                "roles[1].id",
                "model_endpoints[0].no_training_on_inputs",
                "model_endpoints[1].base_url",
                "model_endpoints[1].no_training_on_inputs",
                "applications[0].allowed_roles[1]",
                "applications[0].pseudonymised_patient_data_allowed",
                "applications[0].clinical_decision_support.mdr_basis",
                "applications[0].clinical_decision_support.validation_reference",
                "applications[0].knowledge_sources[1]",
                "applications[0].fhir_resource_types[1]",
                "applications[0].fhir_resource_types[2]",
                "applications[0].model_endpoints[0]",
                "applications[0].conversation_retention",
                "applications[0].required_training",
                "applications[0].disclaimer.en",
                "applications[0].intended_uses",
                "applications[1].intended_use",
                "applications[1].clinical_decision_support.enabled",
                "applications[1].fhir_resource_types",
                "applications[1].id");
        assertThat(e.violations()).extracting(Violation::line).isSorted();
        assertThat(e.getMessage()).startsWith("Invalid use-conditions file " + file + ": " + e.violations().size() + " problems");
        assertThat(e.getMessage().lines().count()).isEqualTo(e.violations().size() + 1L);
    }

    @Test
    void missingFileIsOneClearViolation() {
        Path file = DIR.resolve("does-not-exist.yaml");
        assertThatThrownBy(() -> UseConditionsLoader.load(file))
                .isInstanceOf(UseConditionsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void clinicalDecisionSupportWithBasisAndValidationLoads() throws Exception {
        String yaml = Files.readString(DIR.resolve("valid-minimal.yaml")).replace("      enabled: false\n",
                "      enabled: true\n      mdr_basis: \"CE class IIa, certificate 1234\"\n      validation_reference: \"VAL-2026-07\"\n");

        UseConditions c = UseConditionsLoader.parse(yaml, "cds-on");

        var cds = c.applications().getFirst().clinicalDecisionSupport();
        assertThat(cds.enabled()).isTrue();
        assertThat(cds.mdrBasis()).contains("CE class IIa, certificate 1234");
        assertThat(cds.validationReference()).contains("VAL-2026-07");
    }

    @Test
    void applicationCanBeDisabledInTheFileAndTrainingRequired() throws Exception {
        String yaml = Files.readString(DIR.resolve("valid-minimal.yaml"))
                .replace("  - id: app\n", "  - id: app\n    enabled: false\n")
                .replace("required_training: none", "required_training: basis");

        var app = UseConditionsLoader.parse(yaml, "disabled").applications().getFirst();

        assertThat(app.enabled()).isFalse();
        assertThat(app.requiredTraining()).contains("basis");
    }

    @Test
    void versionsWrittenAsNumbersKeepTheirText() throws Exception {
        String yaml = Files.readString(DIR.resolve("valid-minimal.yaml"))
                .replace("version: \"test-1\"", "version: 1.10")
                .replace("terms_version: \"1\"", "terms_version: 2");

        UseConditions c = UseConditionsLoader.parse(yaml, "numbers");

        assertThat(c.version()).isEqualTo("1.10");
        assertThat(c.applications().getFirst().termsVersion()).isEqualTo("2");
    }

    @Test
    void parseNamesTheGivenSourceInViolations() {
        assertThatThrownBy(() -> UseConditionsLoader.parse("version: 1\n", "inline-source"))
                .isInstanceOf(UseConditionsException.class)
                .hasMessageStartingWith("Invalid use-conditions file inline-source:")
                .hasMessageContaining("inline-source:1: roles: required key 'roles' is missing");
    }
}
