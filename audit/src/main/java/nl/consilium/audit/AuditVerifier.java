package nl.consilium.audit;

import java.sql.SQLException;

import javax.sql.DataSource;

import nl.consilium.audit.verify.ChainVerifier;

/** Checks the whole chain, the signed checkpoints and the purge anchors. */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * @param reader a connection with read rights on the audit schema ({@code consilium_audit_reader})
     * @param key    the checkpoint key; a checkpoint signed with another key counts as broken
     * @throws SQLException when the database cannot be read (that is not a verdict on the chain)
     */
    public static VerificationResult verify(DataSource reader, String schema, CheckpointKey key) throws SQLException {
        return new ChainVerifier(AuditSchema.checkName(schema), key).verify(reader);
    }

    public static VerificationResult verify(DataSource reader, CheckpointKey key) throws SQLException {
        return verify(reader, AuditSchema.DEFAULT_SCHEMA, key);
    }
}
