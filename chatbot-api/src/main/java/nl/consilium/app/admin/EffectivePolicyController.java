package nl.consilium.app.admin;

import nl.consilium.policy.UseConditions;
import nl.consilium.policy.UseConditionsLoader;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The effective use conditions for hospital IT: exactly the canonical form whose SHA-256 is the policy hash. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class EffectivePolicyController {

    private final UseConditions useConditions;
    private final ObjectMapper json;

    public EffectivePolicyController(UseConditions useConditions, ObjectMapper json) {
        this.useConditions = useConditions;
        this.json = json;
    }

    public record EffectivePolicy(String deployment, String version, String sha256, JsonNode canonical) {
    }

    @GetMapping("/policy")
    public EffectivePolicy policy() {
        return new EffectivePolicy(useConditions.deployment(), useConditions.version(), useConditions.sha256(),
                json.readTree(UseConditionsLoader.canonicalJson(useConditions)));
    }
}
