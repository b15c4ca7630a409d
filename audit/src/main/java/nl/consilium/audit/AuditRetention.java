package nl.consilium.audit;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import nl.consilium.audit.store.Purge;

/**
 * Retention: NEN 7513 requires at least five years. Nothing is ever deleted automatically; events
 * older than five years go only through this explicit purge, which
 * <ol>
 *   <li>refuses to run on a chain that does not verify (a purge must not launder tampering),</li>
 *   <li>deletes a prefix of the chain (all events up to the first one at or after the cutoff),</li>
 *   <li>stores a signed anchor (last purged seq and its hash) from which verification continues, and</li>
 *   <li>appends an {@link AuditEventType#AUDIT_LOG_PURGE} event naming who purged what,</li>
 * </ol>
 * all in one transaction. The database trigger independently refuses to delete any event younger
 * than five years. Run it with the schema owner's connection: the writer and reader roles cannot delete.
 */
public final class AuditRetention {
    public static final Period MINIMUM_RETENTION = Period.ofYears(5);

    private AuditRetention() {
    }

    /** @param purgedThroughSeq last purged sequence number (0 when nothing was purged) */
    public record PurgeResult(long purgedCount, long purgedThroughSeq, AuditReceipt purgeEvent) {
    }

    public static PurgeResult purge(DataSource owner, String schema, Instant cutoff, AuditActor actor, CheckpointKey key, Clock clock)
            throws SQLException {
        Instant latestAllowed = clock.instant().atZone(ZoneOffset.UTC).minus(MINIMUM_RETENTION).toInstant();
        if (cutoff.isAfter(latestAllowed)) {
            throw new IllegalArgumentException("retention: events younger than five years may not be purged (cutoff " + cutoff
                    + " is after " + latestAllowed + ")");
        }
        VerificationResult check = AuditVerifier.verify(owner, schema, key);
        if (check instanceof VerificationResult.Broken broken) {
            throw new IllegalStateException("the audit chain does not verify (first broken record " + broken.firstBrokenSeq()
                    + ": " + broken.reason() + "); refusing to purge evidence");
        }
        return Purge.run(owner, AuditSchema.checkName(schema), cutoff, actor, key, clock);
    }

    public static PurgeResult purge(DataSource owner, Instant cutoff, AuditActor actor, CheckpointKey key) throws SQLException {
        return purge(owner, AuditSchema.DEFAULT_SCHEMA, cutoff, actor, key, Clock.systemUTC());
    }
}
