package nl.consilium.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditObject;

/**
 * The canonical byte form of an event and the chain formula. Writer and verifier both use this one
 * class, so what is hashed at append time is exactly what is recomputed from the stored columns.
 *
 * <p>Two levels: {@code content = SHA-256(canonical event bytes)} is computed by the application;
 * {@code hash = SHA-256(seq as 8 bytes big-endian || prev_hash || content)} is computed by the
 * database trigger that assigns the sequence number (SQL: {@code sha256(int8send(seq) || prev || content)}).
 * The record's canonical form is therefore (seq, prev_hash, content), and each record's prev_hash is
 * the SHA-256 of the previous record's canonical form.
 *
 * <p>Encoding: a version tag, then every field in declaration order; text as a 4-byte length plus
 * UTF-8 bytes (length -1 for null), lists as a 4-byte count plus elements, the time as epoch
 * microseconds. Length prefixes make the encoding unambiguous (no field can bleed into the next).
 */
public final class CanonicalForm {
    public static final byte[] GENESIS = new byte[32];
    private static final byte[] TAG = "consilium-audit-event/1".getBytes(StandardCharsets.US_ASCII);

    private CanonicalForm() {
    }

    public static byte[] encode(AuditEvent e) {
        Out out = new Out();
        out.raw(TAG);
        out.instant(e.occurredAt());
        out.text(e.type().name());
        out.text(e.action().name());
        out.text(e.outcome().name());
        actor(out, e.user());
        actor(out, e.responsibleUser());
        out.text(e.location().accessPoint());
        out.text(e.location().clientAddress());
        out.text(e.location().applicationInstance());
        out.text(e.patientId());
        out.i32(e.objects().size());
        for (AuditObject o : e.objects()) {
            out.text(o.kind().name());
            out.text(o.reference());
        }
        out.text(e.applicationId());
        out.text(e.policy() == null ? null : e.policy().version());
        out.text(e.policy() == null ? null : e.policy().hash());
        out.text(e.decision() == null ? null : e.decision().name());
        out.list(e.ruleIds());
        out.text(e.modelEndpoint());
        out.list(e.sourcesCited());
        out.text(e.correlationId());
        out.text(e.messageSha256());
        return out.bytes();
    }

    private static void actor(Out out, AuditActor a) {
        if (a == null) {
            out.i32(-2);
            return;
        }
        out.i32(3);
        out.text(a.userId());
        out.text(a.name());
        out.text(a.role());
    }

    public static byte[] contentSha256(AuditEvent e) {
        return sha256().digest(encode(e));
    }

    public static byte[] recordHash(long seq, byte[] prevHash, byte[] contentSha256) {
        MessageDigest sha = sha256();
        sha.update(longBytes(seq));
        sha.update(prevHash);
        sha.update(contentSha256);
        return sha.digest();
    }

    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    public static long epochMicros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** One digest per thread: MessageDigest.getInstance costs a provider lookup per call (1M calls when verifying). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    });

    static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    /** A plain growable buffer: ByteArrayOutputStream synchronises every write. */
    private static final class Out {
        private byte[] buf = new byte[512];
        private int count;

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, count, b.length);
            count += b.length;
        }

        void i32(int v) {
            ensure(4);
            buf[count++] = (byte) (v >>> 24);
            buf[count++] = (byte) (v >>> 16);
            buf[count++] = (byte) (v >>> 8);
            buf[count++] = (byte) v;
        }

        void i64(long v) {
            raw(longBytes(v));
        }

        void instant(Instant t) {
            i64(epochMicros(t));
        }

        void text(String s) {
            if (s == null) {
                i32(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            raw(b);
        }

        void list(List<String> l) {
            i32(l.size());
            for (String s : l) {
                text(s);
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, count);
        }
    }
}
