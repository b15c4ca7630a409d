package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class AuditLogTest {
    private DataSource admin;
    private String schema;

    @BeforeEach
    void setUp() {
        admin = TestDatabase.dataSource();
        schema = TestDatabase.freshSchema("audit_log");
        AuditSchema.migrate(admin, schema);
    }

    @AfterEach
    void tearDown() {
        TestDatabase.dropSchema(admin, schema);
    }

    private AuditConfig config() {
        return AuditConfig.defaults(TestDatabase.KEY).withSchema(schema).withCheckpoints(100, Duration.ofMinutes(5));
    }

    @Test
    void severalInstancesWritingConcurrentlyGetAGapFreeIntactChain() throws Exception {
        int instances = 3;
        int threadsPerInstance = 4;
        int perThread = 60;
        List<AuditLog> logs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            logs.add(AuditLog.open(admin, config()));
        }
        ConcurrentLinkedQueue<AuditReceipt> receipts = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(instances * threadsPerInstance)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < instances * threadsPerInstance; t++) {
                AuditLog log = logs.get(t % instances);
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        receipts.add(log.append(Events.chat(thread * 1000 + i)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        logs.forEach(AuditLog::close);

        int total = instances * threadsPerInstance * perThread;
        assertThat(receipts).hasSize(total);
        assertThat(receipts.stream().map(AuditReceipt::sequence).sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(total);
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".checkpoint")).isGreaterThan(0);

        VerificationResult result = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
        assertThat(result).isInstanceOf(VerificationResult.Intact.class);
        VerificationResult.Intact intact = (VerificationResult.Intact) result;
        assertThat(intact.eventsChecked()).isEqualTo(total);
        assertThat(intact.lastSeq()).isEqualTo(total);
        // close() checkpoints what each instance wrote, so the whole chain is covered by a signature.
        assertThat(intact.lastCheckpointSeq()).isEqualTo(total);
    }

    @Test
    void theAppendedEventIsStoredExactly() throws Exception {
        AuditEvent event = Events.chat(42);
        AuditReceipt receipt;
        try (AuditLog log = AuditLog.open(admin, config())) {
            receipt = log.append(event);
        }
        AuditPage page = AuditSearch.search(admin, schema, AuditQuery.all().withLimit(10));
        assertThat(page.records()).hasSize(1);
        assertThat(page.records().getFirst().event()).isEqualTo(event);
        assertThat(page.records().getFirst().sequence()).isEqualTo(receipt.sequence());
        assertThat(page.records().getFirst().hash()).isEqualTo(receipt.hash());
    }

    @Test
    void failsClosedWhenTheDatabaseIsUnreachable() {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        down.setConnectTimeout(2);
        try (AuditLog log = AuditLog.open(down, config())) {
            assertThatThrownBy(() -> log.append(Events.chat(1)))
                    .isInstanceOf(AuditWriteException.class)
                    .hasMessageContaining("not stored");
        }
    }

    @Test
    void failsClosedWhenTheTableIsGoneAndRecoversAfterwards() throws Exception {
        try (AuditLog log = AuditLog.open(admin, config())) {
            log.append(Events.chat(1));
            try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                st.execute("alter table " + schema + ".event rename to event_moved");
            }
            assertThatThrownBy(() -> log.append(Events.chat(2))).isInstanceOf(AuditWriteException.class);
            try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                st.execute("alter table " + schema + ".event_moved rename to event");
            }
            // The failed event never got a sequence number: the chain stays gap-free.
            assertThat(log.append(Events.chat(3)).sequence()).isEqualTo(2);
        }
        assertThat(AuditVerifier.verify(admin, schema, TestDatabase.KEY)).isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void aRejectedEventsErrorDoesNotQuoteTheRow() throws Exception {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            // A stricter rule than the application knows about, so the insert fails inside PostgreSQL.
            st.execute("alter table " + schema + ".event add constraint only_known_patients check (patient_id <> 'Patient/p42')");
        }
        try (AuditLog log = AuditLog.open(admin, config())) {
            assertThatThrownBy(() -> log.append(Events.chat(42)))
                    .isInstanceOf(AuditWriteException.class)
                    .hasMessageContaining("only_known_patients")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain("Patient/p42");
                        }
                    });
        }
    }

    @Test
    void theDatabaseRejectsUpdateDeleteAndTruncateEvenForTheOwner() throws Exception {
        try (AuditLog log = AuditLog.open(admin, config())) {
            log.append(Events.chat(1));
            log.checkpoint();
        }
        for (String sql : List.of(
                "update {s}.event set patient_id = 'Patient/other'",
                "delete from {s}.event",
                "truncate {s}.event",
                "update {s}.checkpoint set seq = 7",
                "delete from {s}.checkpoint",
                "truncate {s}.anchor",
                "delete from {s}.chain_head")) {
            try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute(sql.replace("{s}", schema)))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(1);
    }

    @Test
    void theWriterRoleCanOnlyInsert() throws Exception {
        String role = "consilium_audit_test_app";
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("do $$ begin create role " + role + " login in role consilium_audit_writer; "
                    + "exception when duplicate_object or unique_violation then null; end $$");
        }
        DataSource writer = TestDatabase.ds(TestDatabase.baseUrl(), role);
        try (AuditLog log = AuditLog.open(writer, config())) {
            assertThat(log.append(Events.chat(1)).sequence()).isEqualTo(1);
            log.checkpoint();
        }
        for (String sql : List.of(
                "update {s}.event set user_id = 'x'",
                "delete from {s}.event",
                "select patient_id from {s}.event",
                "update {s}.chain_head set seq = 0",
                "insert into {s}.event (seq, prev_hash, hash, content_sha256, occurred_at, event_type, action, outcome, user_id, object_kinds, object_refs, rule_ids, sources_cited) "
                        + "values (99, '\\x00', '\\x00', '\\x00', now(), 'CHAT_REQUEST', 'READ', 'SUCCESS', 'u', '{}', '{}', '{}', '{}')",
                "delete from {s}.checkpoint")) {
            try (Connection c = writer.getConnection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute(sql.replace("{s}", schema)))
                        .as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
        assertThat(AuditVerifier.verify(admin, schema, TestDatabase.KEY)).isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void whateverAWriterPutsInTheChainColumnsIsOverwrittenByTheTrigger() throws Exception {
        try (AuditLog log = AuditLog.open(admin, config())) {
            log.append(Events.chat(1));
        }
        // The owner may name the chain columns, but the trigger assigns them anyway.
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into " + schema + ".event (seq, prev_hash, hash, content_sha256, occurred_at, event_type, action, outcome, user_id, "
                    + "object_kinds, object_refs, rule_ids, sources_cited) values (500, sha256('x'), sha256('y'), sha256('z'), now(), "
                    + "'CHAT_REQUEST', 'READ', 'SUCCESS', 'u', '{}', '{}', '{}', '{}')");
        }
        assertThat(TestDatabase.count(admin, "select max(seq) from " + schema + ".event")).isEqualTo(2);
        // Its content hash was made up, so the verifier names it.
        VerificationResult result = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Broken.class, b -> assertThat(b.firstBrokenSeq()).isEqualTo(2));
    }
}
