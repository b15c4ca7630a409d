package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import nl.consilium.audit.chain.CanonicalForm;
import nl.consilium.audit.chain.Signatures;
import nl.consilium.audit.store.EventColumns;

/**
 * The targets of issue 6, measured against the local PostgreSQL. Not part of the default run
 * (surefire excludes the tag). Run:
 * <pre>mvn -B -o -pl audit test -Dgroups=benchmark -Daudit.excludedGroups=none</pre>
 * Results are appended to audit/target/audit-benchmark.txt (and printed).
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditBenchmarkTest {
    private static final String BENCH_DB = "consilium_bench_audit";
    private static final String MILLION_SCHEMA = "audit_bench_1m";
    private static final int MILLION = 1_000_000;
    private static final int PATIENTS = 10_000;
    private static final int USERS = 2_000;
    private static final Path REPORT = Path.of("target", "audit-benchmark.txt");

    private static DataSource benchDb() {
        String base = TestDatabase.baseUrl();
        String url = base.substring(0, base.lastIndexOf('/') + 1) + BENCH_DB;
        try (Connection c = TestDatabase.ds(base.substring(0, base.lastIndexOf('/') + 1) + "postgres", "postgres").getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + BENCH_DB + "'")) {
            if (!rs.next()) {
                st.execute("create database " + BENCH_DB);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return TestDatabase.ds(url, "postgres");
    }

    private static void report(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    @Test
    @Order(1)
    void appendThroughputWithFourConcurrentWriters() throws Exception {
        DataSource ds = benchDb();
        // Strict reading first: four writers, each an application instance of its own (own AuditLog,
        // own connection) calling append synchronously, one event at a time.
        runAppend(ds, "4 instances x 1 synchronous caller", 4, 1);
        // Four application instances each serving 8 concurrent chat requests.
        runAppend(ds, "4 instances x 8 synchronous callers", 4, 8);
        // One application instance, four caller threads sharing its group commit.
        runAppend(ds, "1 instance x 4 synchronous callers", 1, 4);
    }

    private void runAppend(DataSource ds, String label, int instances, int callersPerInstance) throws Exception {
        String schema = TestDatabase.freshSchema("audit_bench_append");
        AuditSchema.migrate(ds, schema);
        try {
            AuditConfig config = AuditConfig.defaults(TestDatabase.KEY).withSchema(schema);
            List<AuditLog> logs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                logs.add(AuditLog.open(ds, config));
            }
            Duration warmup = Duration.ofSeconds(3);
            Duration measure = Duration.ofSeconds(20);
            AtomicBoolean counting = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong counted = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(instances * callersPerInstance);
            for (int t = 0; t < instances * callersPerInstance; t++) {
                AuditLog log = logs.get(t % instances);
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    int i = 0;
                    try {
                        while (!stop.get()) {
                            try {
                                log.append(Events.chat(thread * 10_000_000 + i++));
                                if (counting.get()) {
                                    counted.incrementAndGet();
                                }
                            } catch (AuditWriteException e) {
                                failures.incrementAndGet();
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }));
            }
            Thread.sleep(warmup.toMillis());
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            counting.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            done.await();
            logs.forEach(AuditLog::close);
            double rate = counted.get() / seconds;
            VerificationResult v = AuditVerifier.verify(ds, schema, TestDatabase.KEY);
            report(String.format(Locale.ROOT, "append [%s]: %.0f events/s sustained over %.0f s (%d events, %d failures); chain after: %s; loadavg %s",
                    label, rate, seconds, counted.get(), failures.get(), v.getClass().getSimpleName(), load()));
            assertThat(failures.get()).isZero();
            assertThat(v).isInstanceOf(VerificationResult.Intact.class);
        } finally {
            TestDatabase.dropSchema(ds, schema);
        }
    }

    @Test
    @Order(2)
    void verifyOneMillionEvents() throws Exception {
        DataSource ds = benchDb();
        ensureMillion(ds);
        // Twice: the first run also warms the OS/PostgreSQL caches and the JIT.
        for (int run = 1; run <= 2; run++) {
            long cpu0 = processCpuNanos();
            VerificationResult v = AuditVerifier.verify(ds, MILLION_SCHEMA, TestDatabase.KEY);
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            assertThat(v).isInstanceOf(VerificationResult.Intact.class);
            VerificationResult.Intact ok = (VerificationResult.Intact) v;
            assertThat(ok.eventsChecked()).isEqualTo(MILLION);
            report(String.format(Locale.ROOT, "verify 1,000,000 events (run %d): %.1f s wall, %.1f s JVM CPU, %d checkpoints; loadavg %s",
                    run, ok.took().toMillis() / 1000.0, cpu, ok.checkpoints(), load()));
        }
    }

    /** The application queries through a connection pool; one reused connection stands in for it. */
    private static DataSource reusing(Connection c) {
        Connection keepOpen = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return keepOpen;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @Order(3)
    void firstPageOverOneMillionEvents() throws Exception {
        DataSource fresh = benchDb();
        ensureMillion(fresh);
        try (Connection pooled = fresh.getConnection()) {
            firstPages(fresh, reusing(pooled));
        }
    }

    private void firstPages(DataSource fresh, DataSource ds) throws Exception {
        try (Connection c = fresh.getConnection(); Statement st = c.createStatement()) {
            st.execute("analyze " + MILLION_SCHEMA + ".event");
        }
        record Case(String label, AuditQuery query) {
        }
        List<Case> cases = List.of(
                new Case("patient", AuditQuery.all().withPatient("Patient/p4242")),
                new Case("user", AuditQuery.all().withUser("u777")),
                new Case("patient + refused", AuditQuery.all().withPatient("Patient/p4242").withDecisions(Set.of(AuditDecision.REFUSED))),
                new Case("user + last 30 days", AuditQuery.all().withUser("u777")
                        .withTimeRange(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))),
                new Case("application + refused", AuditQuery.all().withApplication("brief").withDecisions(Set.of(AuditDecision.REFUSED))));
        for (Case k : cases) {
            AuditSearch.search(ds, MILLION_SCHEMA, k.query()); // warm-up (connection, plan)
            long[] times = new long[20];
            int size = 0;
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                AuditPage page = AuditSearch.search(ds, MILLION_SCHEMA, k.query());
                times[i] = System.nanoTime() - t0;
                size = page.records().size();
            }
            Arrays.sort(times);
            double median = times[times.length / 2] / 1e6;
            double max = times[times.length - 1] / 1e6;
            report(String.format(Locale.ROOT, "first page (50) over 1,000,000 events by %s: median %.1f ms, max %.1f ms, %d rows (pooled connection); loadavg %s",
                    k.label(), median, max, size, load()));
            assertThat(size).isPositive();
            if (k.label().equals("patient") || k.label().equals("user")) {
                assertThat(median).isLessThan(100);
            }
        }
    }

    // ---- bulk load: a valid chain generated in Java and COPY-ed in ----

    private static AuditEvent synthetic(long i) {
        Instant start = Instant.parse("2024-11-01T00:00:00Z");
        // Two years of events, increasing with seq.
        Instant at = start.plusMillis(i * 63_072L);
        int user = (int) ((i * 7919) % USERS);
        int patient = (int) ((i * 104_729) % PATIENTS);
        String[] apps = {"richtlijnen", "patientsamenvatting", "brief", "folder-vertalen"};
        String app = apps[(int) (i % apps.length)];
        boolean patientRead = i % 5 == 0;
        AuditEvent.Builder b = AuditEvent.builder(patientRead ? AuditEventType.PATIENT_RECORD_READ : AuditEventType.CHAT_REQUEST,
                        new AuditActor("u" + user, "Dr. Gebruiker " + user, user % 3 == 0 ? "medisch-specialist" : "arts-assistent"))
                .occurredAt(at)
                .action(patientRead ? AuditAction.READ : AuditAction.EXECUTE)
                .location(new AuditLocation("EPD launch", "10.1." + (user % 250) + "." + (patient % 250), "consilium-" + (i % 2 + 1)))
                .patientId("Patient/p" + patient)
                .applicationId(app)
                .correlationId("req-" + (i / 3));
        if (patientRead) {
            b.object(AuditObject.fhir("Observation/o" + i)).object(AuditObject.fhir("Condition/c" + (i % 977)));
        } else {
            AuditDecision d = i % 17 == 0 ? AuditDecision.REFUSED : i % 4 == 0 ? AuditDecision.PSEUDONYMISED : AuditDecision.ALLOWED;
            b.decision(d)
                    .outcome(d == AuditDecision.REFUSED ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS)
                    .policy(new PolicyReference("2026.11", "sha256:9f2c"))
                    .ruleId(d == AuditDecision.REFUSED ? "CDS-OFF" : "ALLOW-KB")
                    .modelEndpoint(d == AuditDecision.REFUSED ? null : "https://llm.intern.example/v1")
                    .object(AuditObject.document("richtlijn-" + (i % 300)))
                    .sourceCited("richtlijn-" + (i % 300) + "#sectie-" + (i % 9))
                    .messageSha256(String.format(Locale.ROOT, "%064x", i));
        }
        return b.build();
    }

    private static void ensureMillion(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select count(*) from pg_namespace where nspname = '" + MILLION_SCHEMA + "')")) {
            rs.next();
            if (rs.getLong(1) == 1) {
                try (ResultSet n = st.executeQuery("select seq from " + MILLION_SCHEMA + ".chain_head")) {
                    if (n.next() && n.getLong(1) == MILLION) {
                        return;
                    }
                }
                st.execute("drop schema " + MILLION_SCHEMA + " cascade");
            }
        }
        AuditSchema.migrate(ds, MILLION_SCHEMA);
        long t0 = System.nanoTime();
        String columns = "seq, prev_hash, hash, " + String.join(", ", EventColumns.WRITTEN);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Load as the DBA would restore a dump: chain columns precomputed, trigger off for the load.
                st.execute("alter table " + MILLION_SCHEMA + ".event disable trigger event_chain");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            byte[] prev = CanonicalForm.GENESIS;
            StringBuilder chunk = new StringBuilder(64 << 20);
            List<long[]> checkpointSeqs = new ArrayList<>();
            List<byte[]> checkpointHashes = new ArrayList<>();
            for (long seq = 1; seq <= MILLION; seq++) {
                AuditEvent e = synthetic(seq);
                byte[] content = CanonicalForm.contentSha256(e);
                byte[] hash = CanonicalForm.recordHash(seq, prev, content);
                csvRow(chunk, seq, prev, hash, content, e);
                prev = hash;
                if (seq % 100_000 == 0) {
                    checkpointSeqs.add(new long[] {seq});
                    checkpointHashes.add(hash);
                }
                if (seq % 50_000 == 0) {
                    copy.copyIn("copy " + MILLION_SCHEMA + ".event (" + columns + ") from stdin with (format csv)", new StringReader(chunk.toString()));
                    chunk.setLength(0);
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("alter table " + MILLION_SCHEMA + ".event enable trigger event_chain");
                st.execute("alter table " + MILLION_SCHEMA + ".chain_head disable trigger user");
            }
            try (PreparedStatement ps = c.prepareStatement("update " + MILLION_SCHEMA + ".chain_head set seq = ?, hash = ?")) {
                ps.setLong(1, MILLION);
                ps.setBytes(2, prev);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute("alter table " + MILLION_SCHEMA + ".chain_head enable trigger user");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement ps = c.prepareStatement("insert into " + MILLION_SCHEMA
                    + ".checkpoint (seq, hash, created_at, key_id, signature) values (?, ?, ?, ?, ?)")) {
                for (int k = 0; k < checkpointSeqs.size(); k++) {
                    long seq = checkpointSeqs.get(k)[0];
                    ps.setLong(1, seq);
                    ps.setBytes(2, checkpointHashes.get(k));
                    ps.setObject(3, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                    ps.setString(4, TestDatabase.KEY.id());
                    ps.setBytes(5, Signatures.checkpoint(TestDatabase.KEY, seq, checkpointHashes.get(k), now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze " + MILLION_SCHEMA + ".event");
        }
        report(String.format(Locale.ROOT, "bulk load of 1,000,000 chained events (generate + COPY + vacuum analyze): %.1f s",
                (System.nanoTime() - t0) / 1e9));
    }

    private static void csvRow(StringBuilder sb, long seq, byte[] prev, byte[] hash, byte[] content, AuditEvent e) {
        HexFormat hex = HexFormat.of();
        sb.append(seq).append(',');
        sb.append("\\x").append(hex.formatHex(prev)).append(',');
        sb.append("\\x").append(hex.formatHex(hash)).append(',');
        sb.append("\\x").append(hex.formatHex(content)).append(',');
        field(sb, e.occurredAt().toString());
        field(sb, e.type().name());
        field(sb, e.action().name());
        field(sb, e.outcome().name());
        field(sb, e.user().userId());
        field(sb, e.user().name());
        field(sb, e.user().role());
        field(sb, e.responsibleUser() == null ? null : e.responsibleUser().userId());
        field(sb, e.responsibleUser() == null ? null : e.responsibleUser().name());
        field(sb, e.responsibleUser() == null ? null : e.responsibleUser().role());
        field(sb, e.location().accessPoint());
        field(sb, e.location().clientAddress());
        field(sb, e.location().applicationInstance());
        field(sb, e.patientId());
        field(sb, array(e.objects().stream().map(o -> o.kind().name()).toList()));
        field(sb, array(e.objects().stream().map(AuditObject::reference).toList()));
        field(sb, e.applicationId());
        field(sb, e.policy() == null ? null : e.policy().version());
        field(sb, e.policy() == null ? null : e.policy().hash());
        field(sb, e.decision() == null ? null : e.decision().name());
        field(sb, array(e.ruleIds()));
        field(sb, e.modelEndpoint());
        field(sb, array(e.sourcesCited()));
        field(sb, e.correlationId());
        sb.append(e.messageSha256() == null ? "" : '"' + e.messageSha256() + '"').append('\n');
    }

    private static void field(StringBuilder sb, String v) {
        if (v != null) {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        sb.append(',');
    }

    private static String array(List<String> values) {
        StringBuilder a = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                a.append(',');
            }
            a.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return a.append('}').toString();
    }
}
