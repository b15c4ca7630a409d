package nl.consilium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditConfig;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditLog;
import nl.consilium.audit.AuditSchema;
import nl.consilium.audit.CheckpointKey;

/** Runs the real command against a real chain in PostgreSQL (own database and schema). */
class AuditVerifyCommandTest {
    private static final String KEY = "c29tZS10ZXN0LWtleS10aGF0LWlzLWxvbmctZW5vdWdoLTMyYg==";

    private String url;
    private String schema;
    private PGSimpleDataSource admin;

    @BeforeEach
    void setUp() throws SQLException {
        String base = System.getenv().getOrDefault("CONSILIUM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/consilium_test_audit");
        url = base;
        ensureDatabase(base);
        admin = ds(url);
        schema = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        AuditSchema.migrate(admin, schema);
        AuditConfig config = AuditConfig.defaults(CheckpointKey.fromBase64(KEY)).withSchema(schema).withCheckpoints(5, Duration.ofMinutes(1));
        try (AuditLog log = AuditLog.open(admin, config)) {
            for (int i = 0; i < 12; i++) {
                log.append(AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ, new AuditActor("u" + i, "Dr. " + i, "specialist"))
                        .patientId("Patient/" + i).build());
            }
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new AuditVerifyCommand(env).run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CONSILIUM_DB_URL", url);
        env.put("CONSILIUM_DB_USER", "postgres");
        env.put("CONSILIUM_AUDIT_SCHEMA", schema);
        env.put("CONSILIUM_AUDIT_CHECKPOINT_KEY", KEY);
        return env;
    }

    @Test
    void intactChainExitsZero() {
        Run r = run(env());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("intact").contains("12 events").contains("sequence 1..12");
    }

    @Test
    void brokenChainExitsNonZeroAndNamesTheFirstBrokenSequenceNumber() throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table " + schema + ".event disable trigger user");
            st.execute("update " + schema + ".event set patient_id = 'Patient/other' where seq = 8");
            st.execute("delete from " + schema + ".event where seq = 10");
            st.execute("alter table " + schema + ".event enable trigger user");
        }
        Run r = run(env());
        assertThat(r.exit()).isEqualTo(AuditVerifyCommand.EXIT_BROKEN);
        assertThat(r.out()).contains("first broken sequence number 8");
    }

    @Test
    void truncatedTailIsBroken() throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table " + schema + ".event disable trigger user");
            st.execute("delete from " + schema + ".event where seq > 6");
            st.execute("alter table " + schema + ".event enable trigger user");
        }
        Run r = run(env());
        assertThat(r.exit()).isEqualTo(AuditVerifyCommand.EXIT_BROKEN);
        assertThat(r.out()).contains("first broken sequence number 7");
    }

    @Test
    void theComplianceReaderRoleCanVerify() throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("do $$ begin create role consilium_audit_test_reader login in role consilium_audit_reader; "
                    + "exception when duplicate_object or unique_violation then null; end $$");
        }
        Map<String, String> env = env();
        env.put("CONSILIUM_DB_USER", "consilium_audit_test_reader");
        Run r = run(env);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 events");
    }

    @Test
    void missingOrWrongKeyIsAConfigurationError() {
        Map<String, String> env = env();
        env.remove("CONSILIUM_AUDIT_CHECKPOINT_KEY");
        Run r = run(env);
        assertThat(r.exit()).isEqualTo(AuditVerifyCommand.EX_CONFIG);
        assertThat(r.err()).contains("CONSILIUM_AUDIT_CHECKPOINT_KEY");

        env.put("CONSILIUM_AUDIT_CHECKPOINT_KEY", "c2hvcnQ=");
        assertThat(run(env).exit()).isEqualTo(AuditVerifyCommand.EX_CONFIG);

        // A different (valid) key: the checkpoints do not verify, so the chain is not declared intact.
        env.put("CONSILIUM_AUDIT_CHECKPOINT_KEY", "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzJieXRlcw==");
        Run wrong = run(env);
        assertThat(wrong.exit()).isEqualTo(AuditVerifyCommand.EXIT_BROKEN);
        assertThat(wrong.out()).contains("signed with key");
    }

    @Test
    void unreachableDatabaseIsReportedAsSuch() {
        Map<String, String> env = env();
        env.put("CONSILIUM_DB_URL", "jdbc:postgresql://127.0.0.1:1/consilium");
        Run r = run(env);
        assertThat(r.exit()).isEqualTo(AuditVerifyCommand.EX_UNAVAILABLE);
        assertThat(r.err()).contains("127.0.0.1:1");
    }

    @Test
    void argumentsAreRejected() {
        assertThat(run(env(), "--schema", "x").exit()).isEqualTo(Main.EX_USAGE);
        assertThat(run(env(), "--help").exit()).isZero();
    }

    private static PGSimpleDataSource ds(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser("postgres");
        return ds;
    }

    private static void ensureDatabase(String url) throws SQLException {
        String db = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection c = ds(url.substring(0, url.lastIndexOf('/') + 1) + "postgres").getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + db.replace("'", "''") + "'")) {
            if (!rs.next()) {
                try {
                    st.execute("create database " + db);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }
}
