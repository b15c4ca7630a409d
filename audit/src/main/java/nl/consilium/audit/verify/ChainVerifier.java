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
    /** Below this many events one sequential scan is fast enough. */
    private static final long PARALLEL_THRESHOLD = 100_000;
    /**
     * Two ranges per core: each range alternates between waiting for PostgreSQL to send rows and
     * hashing them, so two per core keep both the database backends and the JVM busy.
     */
    private static final int PARALLELISM = Math.max(4, Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));

    private final String schema;
    private final CheckpointKey key;

    private final long parallelThreshold;
    private final int parallelism;

    public ChainVerifier(String schema, CheckpointKey key) {
        this(schema, key, PARALLEL_THRESHOLD, PARALLELISM);
    }

    /** Tests force the parallel path on small chains with a low threshold. */
    public ChainVerifier(String schema, CheckpointKey key, long parallelThreshold, int parallelism) {
        this.schema = schema;
        this.key = key;
        this.parallelThreshold = parallelThreshold;
        this.parallelism = parallelism;
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

                long maxSeq;
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select coalesce(max(seq), 0) from " + schema + ".event")) {
                    rs.next();
                    maxSeq = rs.getLong(1);
                }
                List<Segment> segments = scan(ds, c, firstSeq, maxSeq, checkpoints);
                boolean scanBroken = false;
                for (Segment seg : segments) {
                    checked += seg.checked;
                    if (seg.firstRowSeq != expectedSeq) {
                        // Includes an empty segment (every record of the range gone) and rows missing at the end of the previous one.
                        problems.add(expectedSeq, seg.firstRowSeq < 0 && seg.end > maxSeq
                                ? "record " + expectedSeq + " is missing"
                                : "record " + expectedSeq + " is missing (the next stored record is "
                                        + (seg.firstRowSeq < 0 ? "after " + seg.end : seg.firstRowSeq) + "): deleted, moved or renumbered");
                        scanBroken = true;
                        break;
                    }
                    if (!CanonicalForm.same(expectedPrev, seg.firstPrev)) {
                        problems.add(seg.firstRowSeq, "record " + seg.firstRowSeq
                                + " does not link to the record before it (inserted, reordered or rewritten)");
                        scanBroken = true;
                        break;
                    }
                    if (seg.problems.any()) {
                        problems.add(seg.problems.seq, seg.problems.reason);
                        scanBroken = true;
                        break;
                    }
                    expectedSeq = seg.lastSeq + 1;
                    expectedPrev = seg.lastHash;
                }
                if (!scanBroken && expectedSeq <= maxSeq) {
                    problems.add(expectedSeq, "record " + expectedSeq + " is missing: deleted, moved or renumbered");
                    scanBroken = true;
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

    /** What one range scan found. firstRowSeq is -1 when the range held no rows. */
    private static final class Segment {
        final long start;
        final long end; // exclusive
        long firstRowSeq = -1;
        byte[] firstPrev;
        long lastSeq;
        byte[] lastHash;
        long checked;
        final Problems problems = new Problems();

        Segment(long start, long end) {
            this.start = start;
            this.end = end;
        }
    }

    /**
     * Splits [firstSeq, maxSeq] into ranges scanned in parallel, each on its own connection but all
     * in the snapshot of {@code main} (pg_export_snapshot), so they see exactly the same log. Links
     * across range borders are checked by the caller.
     */
    private List<Segment> scan(DataSource ds, Connection main, long firstSeq, long maxSeq,
                               TreeMap<Long, List<Checkpoint>> checkpoints) throws SQLException {
        long total = maxSeq - firstSeq + 1;
        if (total <= 0) {
            return List.of();
        }
        int parts = total < parallelThreshold ? 1 : parallelism;
        List<Segment> segments = new ArrayList<>();
        long size = Math.max(1, (total + parts - 1) / parts);
        for (long s = firstSeq; s <= maxSeq; s += size) {
            segments.add(new Segment(s, Math.min(s + size, maxSeq + 1)));
        }
        if (segments.size() == 1) {
            scanSegment(main, segments.getFirst(), checkpoints);
            return segments;
        }
        String snapshot;
        try (Statement st = main.createStatement(); ResultSet rs = st.executeQuery("select pg_export_snapshot()")) {
            rs.next();
            snapshot = rs.getString(1);
        }
        List<java.util.concurrent.Future<Void>> futures = new ArrayList<>();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(segments.size(),
                Thread.ofPlatform().name("audit-verify-", 0).daemon(true).factory())) {
            for (Segment seg : segments) {
                futures.add(pool.submit(() -> {
                    try (Connection c = ds.getConnection()) {
                        c.setAutoCommit(false);
                        try (Statement st = c.createStatement()) {
                            st.execute("set transaction isolation level repeatable read, read only");
                            st.execute("set transaction snapshot '" + snapshot.replace("'", "") + "'");
                        }
                        try {
                            scanSegment(c, seg, checkpoints);
                        } finally {
                            c.rollback();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<Void> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("verification interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof SQLException sql) {
                        throw sql;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return segments;
    }

    /** Checks one range: gaps, content hash, links inside the range, record hash, checkpoints. Stops at the first break. */
    private void scanSegment(Connection c, Segment seg, TreeMap<Long, List<Checkpoint>> checkpoints) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + EventColumns.SELECT_LIST + " from " + schema
                + ".event where seq >= ? and seq < ? order by seq")) {
            // Binary results (server-prepared at once): bytea, timestamps and arrays cross the wire
            // without hex/text formatting on the server and parsing here.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            ps.setFetchSize(FETCH);
            ps.setLong(1, seg.start);
            ps.setLong(2, seg.end);
            long expectedSeq = seg.start;
            byte[] expectedPrev = null;
            Problems problems = seg.problems;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seg.firstRowSeq < 0) {
                        seg.firstRowSeq = seq;
                        seg.firstPrev = rs.getBytes(2);
                        expectedSeq = seq;
                        expectedPrev = seg.firstPrev;
                    }
                    if (seq != expectedSeq) {
                        problems.add(expectedSeq, "record " + expectedSeq + " is missing (the next stored record is " + seq
                                + "): deleted, moved or renumbered");
                        return;
                    }
                    EventColumns.Row row;
                    try {
                        row = EventColumns.read(rs);
                    } catch (IllegalArgumentException | NullPointerException e) {
                        problems.add(seq, "record " + seq + " holds values the application never writes (changed): " + e.getMessage());
                        return;
                    }
                    seg.checked++;
                    byte[] content = CanonicalForm.contentSha256(row.event());
                    if (!CanonicalForm.same(content, row.contentSha256())) {
                        problems.add(seq, "record " + seq + " was changed: its fields no longer match its content hash");
                        return;
                    }
                    if (!CanonicalForm.same(expectedPrev, row.prevHash())) {
                        problems.add(seq, "record " + seq + " does not link to the record before it (inserted, reordered or rewritten)");
                        return;
                    }
                    byte[] hash = CanonicalForm.recordHash(seq, expectedPrev, content);
                    if (!CanonicalForm.same(hash, row.hash())) {
                        problems.add(seq, "record " + seq + " has a stored hash that does not match its contents");
                        return;
                    }
                    List<Checkpoint> atSeq = checkpoints.get(seq);
                    if (atSeq != null) {
                        for (Checkpoint cp : atSeq) {
                            if (!CanonicalForm.same(cp.hash, hash)) {
                                problems.add(seq, "record " + seq + " differs from signed checkpoint #" + cp.id
                                        + ": the chain up to here was rewritten");
                                return;
                            }
                        }
                    }
                    expectedPrev = hash;
                    expectedSeq = seq + 1;
                    seg.lastSeq = seq;
                    seg.lastHash = hash;
                }
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
