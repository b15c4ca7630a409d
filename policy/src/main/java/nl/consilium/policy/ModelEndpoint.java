package nl.consilium.policy;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the deployment's language-model allow-list. Applications may only name endpoints from
 * this list. {@code noTrainingOnInputs} is always true in a loaded policy: the loader refuses an entry
 * that does not declare it, because FMS requires that inputs are never used to train a model.
 *
 * @param id                 stable id referenced by applications and in audit records
 * @param description        for IT and auditors: who runs it, where, under which contract
 * @param baseUrl            OpenAI-compatible base URL as declared in the file; the application may
 *                           override it from its environment (not part of the policy hash)
 * @param model              model name sent to the endpoint, when declared
 * @param noTrainingOnInputs the provider's commitment not to train on inputs
 */
public record ModelEndpoint(String id, String description, URI baseUrl, Optional<String> model, boolean noTrainingOnInputs) {
    public ModelEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
    }
}
