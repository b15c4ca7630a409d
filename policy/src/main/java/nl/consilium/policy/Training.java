package nl.consilium.policy;

import java.util.Objects;

/** A training that an application may require users to attest before use (e.g. an e-learning). */
public record Training(String id, LocalizedText title) {
    public Training {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
