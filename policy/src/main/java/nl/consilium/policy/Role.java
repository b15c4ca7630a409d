package nl.consilium.policy;

import java.util.Objects;

/** A role the deployment knows (mapped from an identity-provider attribute by the application). */
public record Role(String id, LocalizedText title) {
    public Role {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
