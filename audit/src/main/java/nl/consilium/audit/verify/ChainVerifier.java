package nl.consilium.audit.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import nl.consilium.audit.CheckpointKey;
import nl.consilium.audit.VerificationResult;
import nl.consilium.audit.chain.CanonicalForm;
import nl.consilium.audit.chain.Signatures;
import nl.consilium.audit.store.EventColumns;

/**
 * Streams the chain in sequence order inside one repeatable-read snapshot and recomputes every
 * hash. Problems found by the scan and by the checkpoint/anchor checks are collected and the one
 * with the lowest sequence number is reported, so the answer is "the first broken record".
 */
public final class ChainVerifier {
    private static final int FETCH = 10_000;

    private final String schema;
    private final CheckpointKey key;

    public ChainVerifier(String schema, CheckpointKey key) {
        this.schema = schema;
        this.key = key;
    }

    private record Checkpoint(long id, long seq, byte[] hash) {
    }

    private static final class Problems {
        long seq = Long.MAX_VALUE;
        String reason;

        void add(long at, String why) {
            if (at < seq) {
                seq = at;
                reason = why;
            }
        }

        boolean any() {
            return reason != null;
        }
    }

    public VerificationResult verify(DataSource ds) throws SQLException {
        long started = System.nanoTime();
        Problems problems = new Problems();
        long checked = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long expectedSeq = 1;
                byte[] expectedPrev = CanonicalForm.GENESIS;

                // Purge anchors: the chain legitimately restarts after the newest one.
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select id, purged_through_seq, hash, purged_count, cutoff, created_at, key_id, signature from "
                             + schema + ".anchor order by purged_through_seq, id")) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        long through = rs.getLong(2);
                        byte[] hash = rs.getBytes(3);
                        byte[] expected = Signatures.anchor(key, through, hash, rs.getLong(4), instant(rs, 5), instant(rs, 6));
                        if (!key.id().equals(rs.getString(7)) || !Signatures.matches(expected, rs.getBytes(8))) {
                            // A forged anchor would make the records after the last genuine start look purged:
                            // the damage starts where the genuine chain starts.
                            problems.add(expectedSeq, "purge anchor #" + id + " (claims records up to " + through
                                    + " were purged) has an invalid signature" + keyNote(rs.getString(7)));
                            continue;
                        }
                        if (through + 1 > expectedSeq) {
                            expectedSeq = through + 1;
                            expectedPrev = hash;
                        }
                    }
                }
                long firstSeq = expectedSeq;

                TreeMap<Long, List<Checkpoint>> checkpoints = new TreeMap<>();
                int checkpointCount = 0;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select id, seq, hash, created_at, key_id, signature from " + schema
                             + ".checkpoint order by seq, id")) {
                    while (rs.next()) {
                        checkpointCount++;
                        Checkpoint cp = new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3));
                        byte[] expected = Signatures.checkpoint(key, cp.seq, cp.hash, instant(rs, 4));
                        if (!key.id().equals(rs.getString(5)) || !Signatures.matches(expected, rs.getBytes(6))) {
                            problems.add(cp.seq, "checkpoint #" + cp.id + " has an invalid signature (tampered checkpoint)"
                                    + keyNote(rs.getString(5)));
                            continue;
                        }
                        if (cp.seq >= firstSeq) {
                            checkpoints.computeIfAbsent(cp.seq, k -> new ArrayList<>()).add(cp);
                        }
                    }
                }

                long headSeq;
                byte[] headHash;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select seq, hash from " + schema + ".chain_head where id = 1")) {
                    if (!rs.next()) {
                        throw new SQLException("audit chain_head row is missing (the schema is damaged)");
                    }
                    headSeq = rs.getLong(1);
                    headHash = rs.getBytes(2);
                }

                boolean scanBroken = false;
                try (PreparedStatement ps = c.prepareStatement("select " + EventColumns.SELECT_LIST + " from " + schema
                        + ".event where seq >= ? order by seq")) {
                    ps.setFetchSize(FETCH);
                    ps.setLong(1, firstSeq);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong(1);
                            if (seq != expectedSeq) {
                                problems.add(expectedSeq, "record " + expectedSeq + " is missing (the next stored record is " + seq
                                        + "): deleted, moved or renumbered");
                                scanBroken = true;
                                break;
                            }
                            EventColumns.Row row;
                            try {
                                row = EventColumns.read(rs);
                            } catch (IllegalArgumentException | NullPointerException e) {
                                problems.add(seq, "record " + seq + " holds values the application never writes (changed): " + e.getMessage());
                                scanBroken = true;
                                break;
                            }
                            checked++;
                            byte[] content = CanonicalForm.contentSha256(row.event());
                            if (!CanonicalForm.same(content, row.contentSha256())) {
                                problems.add(seq, "record " + seq + " was changed: its fields no longer match its content hash");
                                scanBroken = true;
                                break;
                            }
                            if (!CanonicalForm.same(expectedPrev, row.prevHash())) {
                                problems.add(seq, "record " + seq + " does not link to the record before it (inserted, reordered or rewritten)");
                                scanBroken = true;
                                break;
                            }
                            byte[] hash = CanonicalForm.recordHash(seq, expectedPrev, content);
                            if (!CanonicalForm.same(hash, row.hash())) {
                                problems.add(seq, "record " + seq + " has a stored hash that does not match its contents");
                                scanBroken = true;
                                break;
                            }
                            List<Checkpoint> atSeq = checkpoints.get(seq);
                            if (atSeq != null) {
                                for (Checkpoint cp : atSeq) {
                                    if (!CanonicalForm.same(cp.hash, hash)) {
                                        problems.add(seq, "record " + seq + " differs from signed checkpoint #" + cp.id
                                                + ": the chain up to here was rewritten");
                                        scanBroken = true;
                                    }
                                }
                                if (scanBroken) {
                                    break;
                                }
                            }
                            expectedPrev = hash;
                            expectedSeq = seq + 1;
                        }
                    }
                }

                long lastSeq = expectedSeq - 1;
                long lastCheckpointSeq = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
                if (!scanBroken) {
                    Map.Entry<Long, List<Checkpoint>> beyond = checkpoints.higherEntry(lastSeq);
                    if (beyond != null) {
                        problems.add(lastSeq + 1, "the log ends at " + lastSeq + " but signed checkpoint #" + beyond.getValue().get(0).id
                                + " covers record " + beyond.getKey() + ": the tail was removed");
                    }
                    if (headSeq > lastSeq) {
                        problems.add(lastSeq + 1, "the log ends at " + lastSeq + " but the chain head says " + headSeq + ": the tail was removed");
                    } else if (headSeq < lastSeq) {
                        problems.add(headSeq + 1, "records after the chain head " + headSeq + " were inserted around the append trigger");
                    } else if (lastSeq >= firstSeq && !CanonicalForm.same(headHash, expectedPrev)) {
                        problems.add(lastSeq, "the chain head hash does not match record " + lastSeq);
                    }
                }
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (problems.any()) {
                    return new VerificationResult.Broken(problems.seq, problems.reason, checked, took);
                }
                return new VerificationResult.Intact(checked, firstSeq, lastSeq, checkpointCount, lastCheckpointSeq, took);
            } finally {
                c.rollback();
            }
        }
    }

    private String keyNote(String storedKeyId) {
        return key.id().equals(storedKeyId) ? "" : " (signed with key " + storedKeyId + ", verifying with key " + key.id() + ")";
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
