package nl.consilium.audit;

import java.util.Objects;

import javax.sql.DataSource;

import nl.consilium.audit.store.GroupCommitAppender;

/**
 * The write side of the audit log, one per application instance. Thread-safe.
 *
 * <p><b>Guarantee (fail closed):</b> {@link #append} returns only after the transaction holding the
 * event has committed in PostgreSQL (so the record is in the flushed WAL, with
 * {@code synchronous_commit = on}), and throws {@link AuditWriteException} in every other case:
 * database down, constraint violated, commit outcome unknown, timeout. The chat pipeline calls it
 * before it delivers an answer and delivers nothing when it throws.
 *
 * <p>The data source should log in as a member of {@code consilium_audit_writer} (insert-only).
 */
public final class AuditLog implements AutoCloseable {
    private final GroupCommitAppender appender;

    private AuditLog(GroupCommitAppender appender) {
        this.appender = appender;
    }

    /** Starts the writer. The schema must already be migrated ({@link AuditSchema#migrate}). */
    public static AuditLog open(DataSource writer, AuditConfig config) {
        Objects.requireNonNull(writer, "writer data source");
        Objects.requireNonNull(config, "config");
        return new AuditLog(new GroupCommitAppender(writer, config));
    }

    /**
     * Stores the event durably and returns its place in the chain.
     *
     * @throws AuditWriteException when the event is not confirmed as durably stored
     */
    public AuditReceipt append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return appender.append(event);
    }

    /** Signs and stores the current chain head now (besides the periodic checkpoints). */
    public void checkpoint() {
        appender.checkpointNow();
    }

    /** Writes what is queued, a last checkpoint, and stops; later appends fail. */
    @Override
    public void close() {
        appender.close();
    }
}
