package nl.consilium.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import javax.sql.DataSource;

import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditObjectKind;
import nl.consilium.audit.AuditReceipt;
import nl.consilium.audit.AuditRetention;
import nl.consilium.audit.CheckpointKey;
import nl.consilium.audit.chain.CanonicalForm;
import nl.consilium.audit.chain.Signatures;

/** The purge transaction; the checks that guard it are in {@link AuditRetention}. */
public final class Purge {
    private Purge() {
    }

    public static AuditRetention.PurgeResult run(DataSource owner, String schema, Instant cutoff, AuditActor actor, CheckpointKey key,
                                                 Clock clock) throws SQLException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("set local consilium_audit.purge = 'on'");
                }
                long headSeq;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select seq from " + schema + ".chain_head where id = 1 for update")) {
                    rs.next();
                    headSeq = rs.getLong(1);
                }
                long previous = single(c, "select coalesce(max(purged_through_seq), 0) from " + schema + ".anchor", null);
                // Only a prefix: up to (not including) the first event at or after the cutoff.
                long through = single(c, "select coalesce(min(seq), " + (headSeq + 1) + ") - 1 from " + schema
                        + ".event where occurred_at >= ?", cutoff);
                if (through <= previous) {
                    c.rollback();
                    return new AuditRetention.PurgeResult(0, previous, null);
                }
                byte[] hash;
                try (PreparedStatement ps = c.prepareStatement("select hash from " + schema + ".event where seq = ?")) {
                    ps.setLong(1, through);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        hash = rs.getBytes(1);
                    }
                }
                long count = through - previous;
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                Instant cut = cutoff.truncatedTo(ChronoUnit.MICROS);
                try (PreparedStatement ps = c.prepareStatement("insert into " + schema
                        + ".anchor (purged_through_seq, hash, purged_count, cutoff, created_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, through);
                    ps.setBytes(2, hash);
                    ps.setLong(3, count);
                    ps.setObject(4, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC));
                    ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.setString(6, key.id());
                    ps.setBytes(7, Signatures.anchor(key, through, hash, count, cut, now));
                    ps.executeUpdate();
                }
                long deleted;
                try (PreparedStatement ps = c.prepareStatement("delete from " + schema + ".event where seq <= ?")) {
                    ps.setLong(1, through);
                    deleted = ps.executeUpdate();
                }
                AuditEvent event = AuditEvent.builder(AuditEventType.AUDIT_LOG_PURGE, actor)
                        .occurredAt(now)
                        .action(AuditAction.DELETE)
                        .object(new AuditObject(AuditObjectKind.AUDIT_LOG, "audit-log:seq " + (previous + 1) + "-" + through
                                + " (" + count + " events before " + cut + ", anchor hash " + HexFormat.of().formatHex(hash) + ")"))
                        .build();
                AuditReceipt receipt;
                try (PreparedStatement ps = c.prepareStatement(EventColumns.insertSql(schema), new String[] {"seq", "hash"})) {
                    EventColumns.bind(ps, c, event, CanonicalForm.contentSha256(event));
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        receipt = new AuditReceipt(rs.getLong(1), HexFormat.of().formatHex(rs.getBytes(2)));
                    }
                }
                c.commit();
                return new AuditRetention.PurgeResult(deleted, through, receipt);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static long single(Connection c, String sql, Instant param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setObject(1, OffsetDateTime.ofInstant(param, ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
