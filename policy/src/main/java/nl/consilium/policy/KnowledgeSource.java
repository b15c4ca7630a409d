package nl.consilium.policy;

import java.util.Objects;

/**
 * A knowledge source that the deployment has approved (a curated collection of guidelines or
 * protocols). Applications may only answer from sources they list; the id is what the index stores.
 */
public record KnowledgeSource(String id, LocalizedText title) {
    public KnowledgeSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
