package nl.consilium.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import nl.consilium.audit.CheckpointKey;

/** HMAC-SHA256 over checkpoints (chain head) and purge anchors (new chain start). */
public final class Signatures {
    private static final byte[] CHECKPOINT = "consilium-audit-checkpoint/1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANCHOR = "consilium-audit-anchor/1".getBytes(StandardCharsets.US_ASCII);

    private Signatures() {
    }

    public static byte[] checkpoint(CheckpointKey key, long seq, byte[] hash, Instant createdAt) {
        Mac mac = mac(key);
        mac.update(CHECKPOINT);
        mac.update(CanonicalForm.longBytes(seq));
        mac.update(hash);
        mac.update(CanonicalForm.longBytes(CanonicalForm.epochMicros(createdAt)));
        return mac.doFinal();
    }

    public static byte[] anchor(CheckpointKey key, long purgedThroughSeq, byte[] hash, long purgedCount,
                                Instant cutoff, Instant createdAt) {
        Mac mac = mac(key);
        mac.update(ANCHOR);
        mac.update(CanonicalForm.longBytes(purgedThroughSeq));
        mac.update(hash);
        mac.update(CanonicalForm.longBytes(purgedCount));
        mac.update(CanonicalForm.longBytes(CanonicalForm.epochMicros(cutoff)));
        mac.update(CanonicalForm.longBytes(CanonicalForm.epochMicros(createdAt)));
        return mac.doFinal();
    }

    /** Constant-time comparison, so a verifier does not leak how much of a forged signature matched. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static Mac mac(CheckpointKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
