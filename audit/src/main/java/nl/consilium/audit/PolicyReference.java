package nl.consilium.audit;

/** Which version of the use-conditions policy decided: its version label and content hash. */
public record PolicyReference(String version, String hash) {
    public PolicyReference {
        version = Text.required(version, "policy version");
        hash = Text.optional(hash, "policy hash");
    }
}
