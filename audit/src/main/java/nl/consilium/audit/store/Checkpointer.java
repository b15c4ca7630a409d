package nl.consilium.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.consilium.audit.CheckpointKey;
import nl.consilium.audit.chain.Signatures;

/** Signs the current chain head and stores it in the checkpoint table. */
public final class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final String schema;
    private final CheckpointKey key;

    public Checkpointer(String schema, CheckpointKey key) {
        this.schema = schema;
        this.key = key;
    }

    /** Runs on {@code c} in auto-commit mode: read the committed head, then insert its signature. Returns the seq, or 0 for an empty log. */
    public long write(Connection c) throws SQLException {
        long seq;
        byte[] hash;
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from " + schema + ".event order by seq desc limit 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            seq = rs.getLong(1);
            hash = rs.getBytes(2);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] signature = Signatures.checkpoint(key, seq, hash, now);
        try (PreparedStatement ps = c.prepareStatement("insert into " + schema
                + ".checkpoint (seq, hash, created_at, key_id, signature) values (?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setBytes(2, hash);
            ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(4, key.id());
            ps.setBytes(5, signature);
            ps.executeUpdate();
        }
        // A copy outside the database: with this line in the application log, even someone who
        // deletes the tail and its checkpoints in the database is caught by comparing the two.
        LOG.info("audit checkpoint seq={} hash={} key={} signature={}", seq, HexFormat.of().formatHex(hash), key.id(),
                HexFormat.of().formatHex(signature));
        return seq;
    }
}
