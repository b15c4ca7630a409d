package nl.consilium.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AuditLog}.
 *
 * @param schema              PostgreSQL schema of the audit tables ({@value AuditSchema#DEFAULT_SCHEMA})
 * @param checkpointKey       signs checkpoints; required because an unsigned chain cannot show a cut-off tail
 * @param checkpointEvery     write a signed checkpoint after this many events from this instance
 * @param checkpointInterval  ... or after this much time when anything was appended since the last one
 * @param maxBatch            most events committed in one transaction (group commit)
 * @param appendTimeout       how long {@link AuditLog#append} waits for the commit before it fails closed
 */
public record AuditConfig(String schema, CheckpointKey checkpointKey, int checkpointEvery, Duration checkpointInterval,
                          int maxBatch, Duration appendTimeout) {
    public AuditConfig {
        AuditSchema.checkName(schema);
        Objects.requireNonNull(checkpointKey, "checkpointKey (" + CheckpointKey.ENV_KEY + ")");
        if (checkpointEvery < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("checkpointEvery and maxBatch must be positive");
        }
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(appendTimeout, "appendTimeout");
    }

    /** Checkpoint every 1,000 events or minute, batches up to 500, 10 s append timeout. */
    public static AuditConfig defaults(CheckpointKey key) {
        return new AuditConfig(AuditSchema.DEFAULT_SCHEMA, key, 1000, Duration.ofMinutes(1), 500, Duration.ofSeconds(10));
    }

    public AuditConfig withSchema(String newSchema) {
        return new AuditConfig(newSchema, checkpointKey, checkpointEvery, checkpointInterval, maxBatch, appendTimeout);
    }

    public AuditConfig withCheckpoints(int every, Duration interval) {
        return new AuditConfig(schema, checkpointKey, every, interval, maxBatch, appendTimeout);
    }
}
