package nl.consilium.policy.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nl.consilium.policy.Application;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Test;

/** The demo deployment file that the README's run command uses must stay valid and mean what the docs say. */
class DemoUseConditionsTest {

    static final Path DEMO = Path.of("..", "infra", "demo", "use-conditions.yaml");

    @Test
    void demoFileLoadsWithFourApplications() throws Exception {
        UseConditions c = UseConditionsLoader.load(DEMO);

        assertThat(c.version()).isEqualTo("2026.11-1");
        assertThat(c.sha256()).matches("[0-9a-f]{64}");
        assertThat(c.applications()).extracting(Application::id)
                .containsExactly("richtlijnen", "patientsamenvatting", "brief", "folder-vertalen");
        assertThat(c.roles()).extracting(r -> r.id()).containsExactly("clinician", "compliance-officer", "it-admin");
        assertThat(c.modelEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("internal-llm");
            assertThat(e.noTrainingOnInputs()).isTrue();
        });
        assertThat(c.knowledgeSources()).extracting(k -> k.id()).containsExactly("demo-richtlijnen", "demo-protocollen");

        Application richtlijnen = c.application("richtlijnen").orElseThrow();
        assertThat(richtlijnen.patientDataAllowed()).isFalse();
        assertThat(richtlijnen.clinicalDecisionSupport().enabled()).isFalse();
        assertThat(richtlijnen.title().in("nl")).isEqualTo("Richtlijnen");

        Application summary = c.application("patientsamenvatting").orElseThrow();
        assertThat(summary.pseudonymisedPatientDataAllowed()).isTrue();
        assertThat(summary.personalDataAllowed()).isFalse();
        assertThat(summary.fhirResourceTypes()).contains("Patient", "Observation");
        assertThat(summary.requiredTraining()).contains("e-learning-ai-basis");
        assertThat(summary.title().in("nl")).isEqualTo("Patiëntsamenvatting");

        Application letter = c.application("brief").orElseThrow();
        assertThat(letter.personalDataAllowed()).isTrue();

        Application leaflet = c.application("folder-vertalen").orElseThrow();
        assertThat(leaflet.storesConversations()).isFalse();
        assertThat(leaflet.conversationRetention()).isEqualTo(Duration.ZERO);
        assertThat(Files.readString(DEMO)).contains("Folder vertalen");
    }

    @Test
    void hashIsOverTheCanonicalFormSoCommentsAndLayoutDoNotChangeIt() throws Exception {
        String yaml = Files.readString(DEMO);
        UseConditions original = UseConditionsLoader.parse(yaml, "demo");
        String reformatted = yaml.replaceAll("(?m)^#.*\\n", "")
                .replace("allowed_roles: [clinician]", "allowed_roles:\n      - clinician") + "\n# trailing comment\n";
        assertThat(reformatted).isNotEqualTo(yaml);

        UseConditions same = UseConditionsLoader.parse(reformatted, "demo-reformatted");
        assertThat(same.sha256()).isEqualTo(original.sha256());

        UseConditions changed = UseConditionsLoader.parse(yaml.replace("conversation_retention: P30D", "conversation_retention: P31D"), "x");
        assertThat(changed.sha256()).isNotEqualTo(original.sha256());
        UseConditions newVersion = UseConditionsLoader.parse(yaml.replace("\"2026.11-1\"", "\"2026.11-2\""), "x");
        assertThat(newVersion.sha256()).isNotEqualTo(original.sha256());
        assertThat(UseConditionsLoader.canonicalJson(original)).contains("\"format\":\"consilium-use-conditions/1\"");
    }
}
