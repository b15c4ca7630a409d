package nl.consilium.policy;

import java.util.Objects;

/**
 * Identifies the effective policy a decision was taken under: the version IT declared and the
 * SHA-256 of the canonical effective policy. The hash changes with every change in meaning and with
 * nothing else (comments, key order, whitespace), so an auditor can tell exactly which rules applied.
 */
public record PolicyVersion(String version, String sha256) {
    public PolicyVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Short form for logs and audit records, e.g. {@code 2026.11-1@3fa2c9e81b04}. */
    public String shortForm() {
        return version + "@" + sha256.substring(0, Math.min(12, sha256.length()));
    }
}
