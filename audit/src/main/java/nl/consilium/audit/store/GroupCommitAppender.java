package nl.consilium.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.consilium.audit.AuditConfig;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditReceipt;
import nl.consilium.audit.AuditWriteException;
import nl.consilium.audit.chain.CanonicalForm;

/**
 * Group commit: callers hand their event to one writer thread and block; the writer inserts what
 * has queued up in one transaction (the insert trigger chains each row under the chain-head row
 * lock) and completes every caller only after COMMIT returned. One commit, one WAL flush, many
 * events: that is how a serialised chain reaches thousands of events per second.
 *
 * <p>Any error fails every event of the batch (the transaction rolled back, or its outcome is
 * unknown) and the writer opens a fresh connection for the next batch.
 */
public final class GroupCommitAppender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitAppender.class);

    private record Pending(AuditEvent event, byte[] content, CompletableFuture<AuditReceipt> done) {
    }

    private final DataSource dataSource;
    private final AuditConfig config;
    private final String batchInsertSql;
    private final BlockingQueue<Pending> queue;
    private final Checkpointer checkpointer;
    private final Thread worker;
    private volatile boolean running = true;
    private Connection connection;
    private long sinceCheckpoint;
    private long lastCheckpointNanos = System.nanoTime();

    public GroupCommitAppender(DataSource dataSource, AuditConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.batchInsertSql = EventColumns.batchInsertSql(config.schema());
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, config.maxBatch() * 8));
        this.checkpointer = new Checkpointer(config.schema(), config.checkpointKey());
        this.worker = Thread.ofPlatform().name("audit-group-commit").daemon(true).unstarted(this::run);
        this.worker.start();
    }

    public AuditReceipt append(AuditEvent event) {
        if (!running) {
            throw new AuditWriteException("audit log is closed");
        }
        // Hashing happens in the caller's thread so the single writer thread only does I/O.
        Pending p = new Pending(event, CanonicalForm.contentSha256(event), new CompletableFuture<>());
        long timeoutNanos = config.appendTimeout().toNanos();
        long start = System.nanoTime();
        try {
            if (!queue.offer(p, timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw new AuditWriteException("audit queue full for " + config.appendTimeout() + "; event not stored");
            }
            long left = timeoutNanos - (System.nanoTime() - start);
            return p.done.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditWriteException("interrupted while waiting for the audit commit; event not confirmed", e);
        } catch (TimeoutException e) {
            throw new AuditWriteException("audit commit not confirmed within " + config.appendTimeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuditWriteException awe) {
                throw new AuditWriteException(awe.getMessage(), awe.getCause());
            }
            throw new AuditWriteException("audit write failed: " + cause, cause);
        }
    }

    /** Writes a signed checkpoint of the current chain head now (on the writer thread). */
    public void checkpointNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.add(done);
        queue.offer(WAKE_UP);
        try {
            done.get(config.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditWriteException("interrupted while writing the audit checkpoint", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditWriteException("audit checkpoint not written: " + e.getMessage(), e);
        }
    }

    private static final Pending WAKE_UP = new Pending(null, null, null);
    private final java.util.concurrent.ConcurrentLinkedQueue<CompletableFuture<Void>> requests =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void run() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        long pollMillis = Math.max(10, Math.min(1000, config.checkpointInterval().toMillis() / 4));
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, config.maxBatch() - 1);
                    lingerForReturningCallers(batch);
                    batch.removeIf(p -> p == WAKE_UP);
                    if (!batch.isEmpty()) {
                        lastBatchSize = batch.size();
                        write(batch);
                    }
                    batch.clear();
                }
                checkpointIfDue();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                // Never let the writer thread die: callers would wait for their timeout instead of an error.
                LOG.error("audit writer loop error", e);
                for (Pending p : batch) {
                    if (p.done != null) {
                        p.done.completeExceptionally(e);
                    }
                }
                batch.clear();
            }
        }
        failRemaining();
    }

    /** Size of the previous batch: about how many callers are active. */
    private int lastBatchSize = 1;
    /** Longest extra wait for a fuller batch; small next to a commit, let alone a chat turn. */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(1500);

    /**
     * The callers released by the previous commit come back with their next event within
     * microseconds; waiting briefly for them doubles the batch (and so the throughput) under steady
     * concurrency. With one active caller (previous batch of one) there is no wait at all.
     */
    private void lingerForReturningCallers(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < Math.min(lastBatchSize, config.maxBatch()) && running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, config.maxBatch() - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        try {
            Connection c = connection();
            List<AuditEvent> events = new ArrayList<>(batch.size());
            List<byte[]> contents = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                events.add(p.event);
                contents.add(p.content);
            }
            List<AuditReceipt> receipts = new ArrayList<>(batch.size());
            // Auto-commit: the statement's implicit transaction has committed (WAL flushed) before
            // the driver returns, so this is one round trip per batch.
            try (PreparedStatement ps = c.prepareStatement(batchInsertSql)) {
                EventColumns.bindBatch(ps, c, events, contents);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        receipts.add(new AuditReceipt(rs.getLong(1), HexFormat.of().formatHex(rs.getBytes(2))));
                    }
                }
            }
            if (receipts.size() != batch.size()) {
                throw new SQLException("the database returned " + receipts.size() + " sequence numbers for " + batch.size() + " events");
            }
            // The trigger numbers rows in input order; sorting makes that explicit.
            receipts.sort(java.util.Comparator.comparingLong(AuditReceipt::sequence));
            for (int i = 0; i < receipts.size(); i++) {
                batch.get(i).done.complete(receipts.get(i));
            }
            sinceCheckpoint += receipts.size();
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            Throwable cause = withoutRowDetail(e);
            AuditWriteException failure = new AuditWriteException(
                    "audit events not stored (" + batch.size() + " in the failed transaction): " + cause.getMessage(), cause);
            for (Pending p : batch) {
                p.done.completeExceptionally(failure);
            }
        }
    }

    /**
     * PostgreSQL's error detail can quote the failing row ("Failing row contains (...)"), which holds
     * patient identifiers; callers log exceptions, so only the primary message and SQLSTATE go up.
     */
    static Throwable withoutRowDetail(Exception e) {
        if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            org.postgresql.util.ServerErrorMessage m = p.getServerErrorMessage();
            return new SQLException(m.getMessage() + " [SQLSTATE " + m.getSQLState() + "]", m.getSQLState());
        }
        return e;
    }

    private void checkpointIfDue() {
        boolean forced = !requests.isEmpty();
        boolean due = sinceCheckpoint >= config.checkpointEvery()
                || (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval().toNanos());
        if (!forced && !due) {
            return;
        }
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (CompletableFuture<Void> f; (f = requests.poll()) != null; ) {
            waiting.add(f);
        }
        try {
            checkpointer.write(connection());
            sinceCheckpoint = 0;
            lastCheckpointNanos = System.nanoTime();
            waiting.forEach(f -> f.complete(null));
        } catch (SQLException | RuntimeException e) {
            discardConnection();
            // The events themselves are committed; a missed checkpoint only widens the window in
            // which a cut-off tail goes unnoticed, so retry on the next round instead of failing appends.
            LOG.error("audit checkpoint not written, will retry: {}", e.toString());
            lastCheckpointNanos = System.nanoTime();
            waiting.forEach(f -> f.completeExceptionally(e));
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try (java.sql.Statement st = c.createStatement()) {
                // The guarantee rests on COMMIT waiting for the WAL flush; a server or role default of
                // synchronous_commit = off must not silently weaken it for the audit writer.
                st.execute("set synchronous_commit = on");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            c.setAutoCommit(true);
            connection = c;
        }
        return connection;
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // idem
            }
            connection = null;
        }
    }

    private void failRemaining() {
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p.done != null) {
                p.done.completeExceptionally(new AuditWriteException("audit log closed before the event was stored"));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        queue.offer(WAKE_UP);
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sinceCheckpoint > 0) {
            try {
                checkpointer.write(connection());
            } catch (SQLException | RuntimeException e) {
                LOG.error("final audit checkpoint not written: {}", e.toString());
            }
        }
        discardConnection();
    }
}
