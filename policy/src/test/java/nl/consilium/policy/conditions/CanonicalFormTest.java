package nl.consilium.policy.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.junit.jupiter.api.Test;

/** The policy hash changes with meaning and with nothing else (docs/use-conditions.md, section 4). */
class CanonicalFormTest {

    static final Path ENGINE = Path.of("src/test/resources/use-conditions/engine.yaml");

    static String hash(String yaml) {
        return UseConditionsLoader.parse(yaml, "t").sha256();
    }

    @Test
    void hashIsTheSha256OfTheCanonicalJson() throws Exception {
        UseConditions c = UseConditionsLoader.load(ENGINE);

        String json = UseConditionsLoader.canonicalJson(c);
        String recomputed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(recomputed).isEqualTo(c.sha256());
        assertThat(json).doesNotContain("\n").contains("\"conversation_retention\":\"PT720H\"").contains("\"enabled\":true");
    }

    @Test
    void orderOfSectionsEntriesAndSetsDoesNotChangeTheHash() throws Exception {
        String yaml = Files.readString(ENGINE);
        String[] parts = yaml.split("\n(?=  - id: )");
        // Move the first application behind the last one, and reorder the roles of an application.
        int firstApp = -1;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].contains("id: no-data")) {
                firstApp = i;
            }
        }
        StringBuilder reordered = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i != firstApp) {
                reordered.append(i == 0 ? "" : "\n").append(parts[i]);
            }
        }
        reordered.append("\n").append(parts[firstApp].stripTrailing()).append("\n");
        String moved = reordered.toString().replace("allowed_roles: [clinician, compliance-officer]",
                "allowed_roles: [compliance-officer, clinician]");
        assertThat(moved).isNotEqualTo(yaml);

        assertThat(hash(moved)).isEqualTo(hash(yaml));
    }

    @Test
    void defaultsAreHashedAsIfWritten() throws Exception {
        String yaml = Files.readString(ENGINE);
        String explicit = yaml.replace("  - id: no-data                       # FMS 2 off, FMS 3 off, FMS 4 off\n",
                "  - id: no-data\n    enabled: true\n");
        assertThat(explicit).isNotEqualTo(yaml);

        assertThat(hash(explicit)).isEqualTo(hash(yaml));
    }

    @Test
    void everyChangeOfMeaningChangesTheHash() throws Exception {
        String yaml = Files.readString(ENGINE);
        String original = hash(yaml);

        assertThat(hash(yaml.replace("model_endpoints: [internal-llm, second-llm]", "model_endpoints: [second-llm, internal-llm]")))
                .as("the first model endpoint is the default, so order matters").isNotEqualTo(original);
        assertThat(hash(yaml.replace("fhir_resource_types: [Patient, Condition, Observation]", "fhir_resource_types: [Patient, Condition]")))
                .isNotEqualTo(original);
        assertThat(hash(yaml.replace("disclaimer: { nl: \"Let op\", en: \"Mind\" }\n    terms_version: \"2\"",
                "disclaimer: { nl: \"Let op!\", en: \"Mind\" }\n    terms_version: \"2\""))).isNotEqualTo(original);
        assertThat(hash(yaml.replace("  - id: switched-off\n    enabled: false\n", "  - id: switched-off\n"))).isNotEqualTo(original);
        assertThat(hash(yaml.replace("version: \"engine-test-1\"", "version: \"engine-test-2\""))).isNotEqualTo(original);
    }
}
