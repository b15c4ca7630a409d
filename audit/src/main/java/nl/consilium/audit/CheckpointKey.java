package nl.consilium.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC-SHA256 key that signs chain checkpoints and purge anchors. It must not be stored in the
 * audit database: someone with database rights but without this key cannot forge a checkpoint.
 */
public final class CheckpointKey {
    /** Base64 of at least 32 random bytes, e.g. {@code openssl rand -base64 32}. */
    public static final String ENV_KEY = "CONSILIUM_AUDIT_CHECKPOINT_KEY";
    /** Path of a file holding the same base64 text (for secrets mounted as files). */
    public static final String ENV_KEY_FILE = "CONSILIUM_AUDIT_CHECKPOINT_KEY_FILE";

    private final byte[] key;
    private final String id;

    private CheckpointKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the audit checkpoint key must be at least 32 bytes (256 bits), got " + key.length);
        }
        this.key = key.clone();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("consilium-audit-key-id/1".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            this.id = HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CheckpointKey of(byte[] key) {
        return new CheckpointKey(key);
    }

    public static CheckpointKey fromBase64(String base64) {
        try {
            return new CheckpointKey(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the audit checkpoint key")) {
                throw e;
            }
            throw new IllegalArgumentException("the audit checkpoint key is not valid base64", e);
        }
    }

    /** Reads {@value #ENV_KEY} or else {@value #ENV_KEY_FILE}; empty when neither is set. */
    public static Optional<CheckpointKey> fromEnvironment(Map<String, String> env) {
        String inline = env.get(ENV_KEY);
        if (inline != null && !inline.isBlank()) {
            return Optional.of(fromBase64(inline));
        }
        String file = env.get(ENV_KEY_FILE);
        if (file != null && !file.isBlank()) {
            try {
                return Optional.of(fromBase64(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the audit checkpoint key file " + file + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Short public fingerprint stored beside each signature, so a verifier with the wrong key says so. */
    public String id() {
        return id;
    }

    /** Raw key bytes, for the internal signer only. */
    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "CheckpointKey[" + id + "]";
    }
}
