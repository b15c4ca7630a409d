package nl.consilium.app.launch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;


/**
 * The EPD opens Consilium with a launch URL it signs: {@code /launch?patient&application&user&iat&sig}, where
 * {@code sig} is the hex HMAC-SHA256 of {@code patient|application|user|iat} under a secret shared with the EPD.
 * A valid launch for the signed-in user confirms the behandelrelatie with that patient for this user; editing
 * the URL to another patient breaks the signature, and a link forwarded to a colleague names the wrong user. Each
 * link works once, on whichever instance it reaches first ({@link EpdLaunchStore}, PostgreSQL).
 */
public final class EpdLaunch {

    /** Why a launch was refused; shown to the user, never with the patient in it. */
    public enum Refusal {
        NOT_CONFIGURED("EPD launch is not configured in this deployment"),
        INCOMPLETE("the launch link is incomplete"),
        BAD_SIGNATURE("the launch link's signature is not valid (was the link changed?)"),
        EXPIRED("the launch link has expired; open Consilium again from the EPD"),
        ALREADY_USED("the launch link has already been used; open Consilium again from the EPD"),
        OTHER_USER("the launch link was made for another user");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final class LaunchRefused extends RuntimeException {
        private final Refusal refusal;

        LaunchRefused(Refusal refusal) {
            super(refusal.text());
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(12);

    /** Launches issued up to this far in the future are accepted (the EPD's clock may run a little ahead). */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

    private final byte[] secret;
    private final Clock clock;
    private final EpdLaunchStore store;

    public EpdLaunch(String secret, Clock clock, EpdLaunchStore store) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(UTF_8);
        this.clock = clock;
        this.store = store;
    }

    /** Verifies a launch for the signed-in user and records the confirmed behandelrelatie. */
    public void accept(String signedInUser, String patient, String application, String user, String issuedAt,
            String signature) {
        if (secret == null) {
            throw new LaunchRefused(Refusal.NOT_CONFIGURED);
        }
        if (blank(patient) || blank(application) || blank(user) || blank(issuedAt) || blank(signature)) {
            throw new LaunchRefused(Refusal.INCOMPLETE);
        }
        byte[] expected = sign(patient + "|" + application + "|" + user + "|" + issuedAt);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(Refusal.BAD_SIGNATURE);
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new LaunchRefused(Refusal.BAD_SIGNATURE);
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(Long.parseLong(issuedAt));
        } catch (NumberFormatException e) {
            throw new LaunchRefused(Refusal.INCOMPLETE);
        }
        Instant now = clock.instant();
        if (issued.isAfter(now.plus(FUTURE_SKEW)) || issued.plus(MAX_AGE).isBefore(now)) {
            throw new LaunchRefused(Refusal.EXPIRED);
        }
        if (!user.equals(signedInUser)) {
            throw new LaunchRefused(Refusal.OTHER_USER);
        }
        // One-time use, checked last so that a refused attempt (a forwarded link) does not use up the link. Kept
        // until the link would be refused as expired anyway; shared by all instances (PostgreSQL).
        if (!store.firstUse(HexFormat.of().formatHex(sha256(given)), issued.plus(MAX_AGE).plus(FUTURE_SKEW), now)) {
            throw new LaunchRefused(Refusal.ALREADY_USED);
        }
        store.confirm(signedInUser, patient, now.plus(CONFIRMATION_LIFETIME), now);
    }

    /** Whether a valid launch confirmed the behandelrelatie of this user with this patient (and it has not lapsed). */
    public boolean confirmed(String userId, String patientId) {
        return store.confirmedUntil(userId, patientId).filter(until -> until.isAfter(clock.instant())).isPresent();
    }

    /** The patients whose behandelrelatie the EPD confirmed for this user (for the UI). */
    public Set<String> patientsOf(String userId) {
        return store.patientsOf(userId, clock.instant());
    }

    /** What the EPD computes; public so integration tests and EPD vendors can produce the same signature. */
    public byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
