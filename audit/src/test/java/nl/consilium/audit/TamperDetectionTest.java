package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.consilium.audit.chain.CanonicalForm;
import nl.consilium.audit.store.EventColumns;
import nl.consilium.audit.verify.ChainVerifier;

/**
 * Each test plays an attacker with DBA rights (triggers disabled, superuser) against a real chain
 * of 40 events with a signed checkpoint at 30, and checks that the verifier names the first broken
 * sequence number.
 */
class TamperDetectionTest {
    private DataSource admin;
    private String schema;

    @BeforeEach
    void setUp() {
        admin = TestDatabase.dataSource();
        schema = TestDatabase.freshSchema("audit_tamper");
        AuditSchema.migrate(admin, schema);
        AuditConfig config = AuditConfig.defaults(TestDatabase.KEY).withSchema(schema).withCheckpoints(1_000_000, Duration.ofHours(1));
        try (AuditLog log = AuditLog.open(admin, config)) {
            for (int i = 1; i <= 30; i++) {
                log.append(Events.chat(i));
            }
            log.checkpoint();
            for (int i = 31; i <= 40; i++) {
                log.append(Events.chat(i));
            }
            log.checkpoint();
        }
        assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
    }

    @AfterEach
    void tearDown() {
        TestDatabase.dropSchema(admin, schema);
    }

    /**
     * Verifies twice: one sequential scan, and in three parallel ranges (1-14, 15-28, 29-40, as the
     * verifier does for large logs), which must name the same first broken record.
     */
    private VerificationResult verify() {
        try {
            VerificationResult sequential = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
            VerificationResult parallel = new ChainVerifier(schema, TestDatabase.KEY, 1, 3).verify(admin);
            assertThat(parallel.getClass()).isEqualTo(sequential.getClass());
            if (sequential instanceof VerificationResult.Broken b) {
                assertThat(((VerificationResult.Broken) parallel).firstBrokenSeq()).as(b.reason()).isEqualTo(b.firstBrokenSeq());
            }
            return sequential;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertBrokenAt(long seq, String reasonPart) {
        VerificationResult result = verify();
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, b -> {
            assertThat(b.firstBrokenSeq()).as(b.reason()).isEqualTo(seq);
            assertThat(b.reason()).contains(reasonPart);
        });
    }

    @Test
    void changedField() {
        TestDatabase.asAttacker(admin, schema, "update {s}.event set patient_id = 'Patient/someone-else' where seq = 7");
        assertBrokenAt(7, "changed");
    }

    @Test
    void changedTimeOfEvent() {
        TestDatabase.asAttacker(admin, schema, "update {s}.event set occurred_at = occurred_at + interval '1 microsecond' where seq = 19");
        assertBrokenAt(19, "changed");
    }

    @Test
    void fieldBlankedToAnEmptyString() {
        // Looks harmless (empty vs absent), still a change of the stored record.
        TestDatabase.asAttacker(admin, schema, "update {s}.event set model_endpoint = '' where seq = 3");
        assertBrokenAt(3, "changed");
    }

    @Test
    void deletedRecord() {
        TestDatabase.asAttacker(admin, schema, "delete from {s}.event where seq = 12");
        assertBrokenAt(12, "missing");
    }

    @Test
    void deletedRecordAtARangeBorder() {
        // 14 is the last record of the first parallel range, 15 the first of the second.
        TestDatabase.asAttacker(admin, schema, "delete from {s}.event where seq in (14, 15)");
        assertBrokenAt(14, "missing");
    }

    @Test
    void changedFirstRecordOfASecondRange() {
        TestDatabase.asAttacker(admin, schema, "update {s}.event set prev_hash = sha256('x') where seq = 15");
        assertBrokenAt(15, "does not link");
    }

    @Test
    void wholeRangeDeleted() {
        TestDatabase.asAttacker(admin, schema, "delete from {s}.event where seq between 15 and 28");
        assertBrokenAt(15, "missing");
    }

    @Test
    void deletedFirstRecord() {
        TestDatabase.asAttacker(admin, schema, "delete from {s}.event where seq = 1");
        assertBrokenAt(1, "missing");
    }

    @Test
    void reorderedPair() {
        TestDatabase.asAttacker(admin, schema,
                "update {s}.event set seq = -5 where seq = 5",
                "update {s}.event set seq = 5 where seq = 6",
                "update {s}.event set seq = 6 where seq = -5");
        assertBrokenAt(5, "does not link");
    }

    @Test
    void insertedRecordWithCorrectlyComputedHashes() throws Exception {
        // The attacker knows the (public) chain formula: renumbers 10..40 to 11..41 and inserts a
        // forged event at 10 that links correctly to 9. The forged record is self-consistent; the
        // break shows where the chain continues: 11 no longer links to its predecessor.
        TestDatabase.asAttacker(admin, schema,
                "update {s}.event set seq = seq + 1000000 where seq >= 10",
                "update {s}.event set seq = seq - 999999 where seq >= 1000000",
                "update {s}.chain_head set seq = 41");
        try (Connection c = admin.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("alter table " + schema + ".event disable trigger user");
            byte[] prev = hashOf(c, 9);
            AuditEvent forged = Events.chat(999);
            byte[] content = CanonicalForm.contentSha256(forged);
            try (PreparedStatement ps = c.prepareStatement("insert into " + schema + ".event (seq, prev_hash, hash, "
                    + String.join(", ", EventColumns.WRITTEN) + ") values (?, ?, ?"
                    + ", ?".repeat(EventColumns.WRITTEN.size()) + ")")) {
                ps.setLong(1, 10);
                ps.setBytes(2, prev);
                ps.setBytes(3, CanonicalForm.recordHash(10, prev, content));
                EventColumns.bind(ps, c, forged, content, 4);
                ps.executeUpdate();
            }
            c.createStatement().execute("alter table " + schema + ".event enable trigger user");
            c.commit();
        }
        assertBrokenAt(11, "does not link");
    }

    @Test
    void insertedRecordAtTheEndAroundTheTrigger() {
        // Appended with the trigger off and made-up hashes.
        TestDatabase.asAttacker(admin, schema, "insert into {s}.event select 41, prev_hash, hash, content_sha256, occurred_at, event_type, action, outcome,"
                + " 'intruder', user_name, user_role, responsible_user_id, responsible_user_name, responsible_user_role, access_point, client_address,"
                + " application_instance, patient_id, object_kinds, object_refs, application_id, policy_version, policy_hash, decision, rule_ids,"
                + " model_endpoint, sources_cited, correlation_id, message_sha256 from {s}.event where seq = 40");
        assertBrokenAt(41, "changed");
    }

    @Test
    void truncatedTailCoveredByACheckpointEvenWithTheChainHeadFixed() throws Exception {
        byte[] hash25 = hashOf(25);
        TestDatabase.asAttacker(admin, schema,
                "delete from {s}.event where seq > 25",
                "update {s}.chain_head set seq = 25, hash = '\\x" + HexFormat.of().formatHex(hash25) + "'",
                // The attacker also removes the newest checkpoint; the one at 30 still gives it away.
                "delete from {s}.checkpoint where seq = 40");
        assertBrokenAt(26, "tail was removed");
    }

    @Test
    void truncatedTailAfterTheLastCheckpointShowsInTheChainHead() {
        TestDatabase.asAttacker(admin, schema,
                "delete from {s}.checkpoint where seq = 40",
                "delete from {s}.event where seq > 35");
        assertBrokenAt(36, "tail was removed");
    }

    @Test
    void tamperedCheckpoint() {
        TestDatabase.asAttacker(admin, schema, "update {s}.checkpoint set seq = 20 where seq = 30");
        assertBrokenAt(20, "invalid signature");
    }

    @Test
    void checkpointFromAnotherKeyIsNotAccepted() throws Exception {
        CheckpointKey other = CheckpointKey.of(new byte[32]);
        VerificationResult result = AuditVerifier.verify(admin, schema, other);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class,
                b -> assertThat(b.reason()).contains("signed with key " + TestDatabase.KEY.id()));
    }

    @Test
    void chainRewrittenFromAChangedRecordOnIsCaughtByTheSignedCheckpoint() throws Exception {
        // A careful attacker changes record 5 and recomputes every later hash so the chain itself
        // is consistent again. Without the key they cannot re-sign the checkpoint at 30.
        try (Connection c = admin.getConnection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("alter table " + schema + ".event disable trigger user");
            c.createStatement().execute("alter table " + schema + ".chain_head disable trigger user");
            c.createStatement().execute("update " + schema + ".event set patient_id = 'Patient/hidden' where seq = 5");
            byte[] prev = hashOf(c, 4);
            for (long seq = 5; seq <= 40; seq++) {
                EventColumns.Row row = rowOf(c, seq);
                byte[] content = CanonicalForm.contentSha256(row.event());
                byte[] hash = CanonicalForm.recordHash(seq, prev, content);
                try (PreparedStatement ps = c.prepareStatement("update " + schema + ".event set prev_hash = ?, hash = ?, content_sha256 = ? where seq = ?")) {
                    ps.setBytes(1, prev);
                    ps.setBytes(2, hash);
                    ps.setBytes(3, content);
                    ps.setLong(4, seq);
                    ps.executeUpdate();
                }
                prev = hash;
            }
            try (PreparedStatement ps = c.prepareStatement("update " + schema + ".chain_head set hash = ?")) {
                ps.setBytes(1, prev);
                ps.executeUpdate();
            }
            c.createStatement().execute("alter table " + schema + ".event enable trigger user");
            c.createStatement().execute("alter table " + schema + ".chain_head enable trigger user");
            c.commit();
        }
        assertBrokenAt(30, "signed checkpoint");
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private byte[] hashOf(long seq) throws SQLException {
        try (Connection c = admin.getConnection()) {
            return hashOf(c, seq);
        }
    }

    private byte[] hashOf(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select hash from " + schema + ".event where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private EventColumns.Row rowOf(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + EventColumns.SELECT_LIST + " from " + schema + ".event where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return EventColumns.read(rs);
            }
        }
    }
}
