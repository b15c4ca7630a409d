package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final AuditActor OFFICER = new AuditActor("co1", "Compliance Officer", "compliance-officer");
    private DataSource admin;
    private String schema;
    private final Instant sixYearsAgo = Instant.now().atZone(ZoneOffset.UTC).minusYears(6).toInstant();
    private final Instant fiveYearsAgo = Instant.now().atZone(ZoneOffset.UTC).minusYears(5).minusDays(1).toInstant();

    @BeforeEach
    void setUp() {
        admin = TestDatabase.dataSource();
        schema = TestDatabase.freshSchema("audit_retention");
        AuditSchema.migrate(admin, schema);
        try (AuditLog log = AuditLog.open(admin, AuditConfig.defaults(TestDatabase.KEY).withSchema(schema).withCheckpoints(10, Duration.ofHours(1)))) {
            for (int i = 0; i < 20; i++) {
                log.append(AuditEvent.builder(AuditEventType.CHAT_REQUEST, new AuditActor("u" + i, null, null))
                        .occurredAt(sixYearsAgo.plusSeconds(i)).build());
            }
            for (int i = 0; i < 10; i++) {
                log.append(Events.chat(i));
            }
        }
    }

    @AfterEach
    void tearDown() {
        TestDatabase.dropSchema(admin, schema);
    }

    @Test
    void purgeOfEventsOlderThanFiveYearsIsItselfAuditedAndKeepsTheChainVerifiable() throws Exception {
        AuditRetention.PurgeResult result = AuditRetention.purge(admin, schema, fiveYearsAgo, OFFICER, TestDatabase.KEY, Clock.systemUTC());
        assertThat(result.purgedCount()).isEqualTo(20);
        assertThat(result.purgedThroughSeq()).isEqualTo(20);
        assertThat(result.purgeEvent().sequence()).isEqualTo(31);

        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(11);
        VerificationResult v = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
        assertThat(v).isInstanceOfSatisfying(VerificationResult.Intact.class, i -> {
            assertThat(i.firstSeq()).isEqualTo(21);
            assertThat(i.lastSeq()).isEqualTo(31);
        });

        AuditPage purges = AuditSearch.search(admin, schema, AuditQuery.all().withTypes(Set.of(AuditEventType.AUDIT_LOG_PURGE)));
        assertThat(purges.records()).hasSize(1);
        AuditEvent purge = purges.records().getFirst().event();
        assertThat(purge.user()).isEqualTo(OFFICER);
        assertThat(purge.action()).isEqualTo(AuditAction.DELETE);
        assertThat(purge.objects().getFirst().reference()).contains("seq 1-20").contains("20 events");

        // A second purge with nothing old left does nothing and writes nothing.
        AuditRetention.PurgeResult again = AuditRetention.purge(admin, schema, fiveYearsAgo, OFFICER, TestDatabase.KEY, Clock.systemUTC());
        assertThat(again.purgedCount()).isZero();
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(11);
    }

    @Test
    void nothingYoungerThanFiveYearsCanBePurged() {
        Instant fourYearsAgo = Instant.now().atZone(ZoneOffset.UTC).minusYears(4).toInstant();
        assertThatThrownBy(() -> AuditRetention.purge(admin, schema, fourYearsAgo, OFFICER, TestDatabase.KEY, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five years");
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(30);
    }

    @Test
    void theDatabaseRefusesToDeleteYoungEventsEvenInAPurgeTransaction() throws Exception {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set local consilium_audit.purge = 'on'");
            assertThatThrownBy(() -> st.execute("delete from " + schema + ".event where seq = 25"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("five-year");
            c.rollback();
        }
    }

    @Test
    void anUnsignedPrefixDeletionIsNotMistakenForAPurge() throws Exception {
        // Old events deleted through the purge flag but without a signed anchor: the verifier notices.
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set local consilium_audit.purge = 'on'");
            st.execute("delete from " + schema + ".event where seq <= 20");
            c.commit();
        }
        VerificationResult v = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
        assertThat(v).isInstanceOfSatisfying(VerificationResult.Broken.class, b -> assertThat(b.firstBrokenSeq()).isEqualTo(1));
    }

    @Test
    void aForgedAnchorIsDetected() throws Exception {
        AuditRetention.purge(admin, schema, fiveYearsAgo, OFFICER, TestDatabase.KEY, Clock.systemUTC());
        TestDatabase.asAttacker(admin, schema, "alter table {s}.anchor disable trigger user",
                "update {s}.anchor set purged_through_seq = 25", "alter table {s}.anchor enable trigger user");
        VerificationResult v = AuditVerifier.verify(admin, schema, TestDatabase.KEY);
        // The only anchor is not genuine, so the chain must start at 1, and records 1..20 are gone.
        assertThat(v).isInstanceOfSatisfying(VerificationResult.Broken.class, b -> {
            assertThat(b.firstBrokenSeq()).isEqualTo(1);
            assertThat(b.reason()).contains("anchor");
        });
    }

    @Test
    void aBrokenChainIsNotPurged() {
        TestDatabase.asAttacker(admin, schema, "update {s}.event set user_id = 'someone' where seq = 3");
        assertThatThrownBy(() -> AuditRetention.purge(admin, schema, fiveYearsAgo, OFFICER, TestDatabase.KEY, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("first broken record 3");
        assertThat(TestDatabase.count(admin, "select count(*) from " + schema + ".event")).isEqualTo(30);
        assertThat(List.of()).isEmpty();
    }
}
