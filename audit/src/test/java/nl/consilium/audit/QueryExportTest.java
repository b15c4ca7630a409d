package nl.consilium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryExportTest {
    private static final int N = 400;
    private DataSource admin;
    private String schema;
    private final Map<Long, AuditEvent> stored = new java.util.concurrent.ConcurrentSkipListMap<>();

    @BeforeAll
    void seed() {
        admin = TestDatabase.dataSource();
        schema = TestDatabase.freshSchema("audit_query");
        AuditSchema.migrate(admin, schema);
        try (AuditLog log = AuditLog.open(admin, AuditConfig.defaults(TestDatabase.KEY).withSchema(schema)
                .withCheckpoints(1000, Duration.ofMinutes(5)))) {
            // Eight concurrent callers, as in the application: group commit makes seeding fast.
            try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    int first = t;
                    pool.submit(() -> {
                        for (int i = first; i < N; i += 8) {
                            AuditEvent e = Events.chat(i);
                            stored.put(log.append(e).sequence(), e);
                        }
                    });
                }
            }
            assertThat(stored).hasSize(N);
            AuditEvent read = AuditEvent.builder(AuditEventType.PATIENT_RECORD_READ, new AuditActor("u1", "Dr. Test 1", "arts-assistent"))
                    .action(AuditAction.READ)
                    .patientId("Patient/p1")
                    .object(AuditObject.fhir("Observation/hb-1"))
                    .object(AuditObject.fhir("Condition/c-9"))
                    .location(new AuditLocation("EPD launch", "10.0.0.1", "consilium-1"))
                    .correlationId("req-read")
                    .build();
            stored.put(log.append(read).sequence(), read);
            AuditEvent formula = AuditEvent.builder(AuditEventType.USER_LOGIN, new AuditActor("=cmd|' /C calc'!A0", null, null)).build();
            stored.put(log.append(formula).sequence(), formula);
        }
    }

    @AfterAll
    void drop() {
        TestDatabase.dropSchema(admin, schema);
    }

    private List<Long> expected(Predicate<AuditEvent> filter) {
        List<Long> seqs = new ArrayList<>();
        stored.forEach((seq, e) -> {
            if (filter.test(e)) {
                seqs.add(0, seq);
            }
        });
        return seqs;
    }

    private List<Long> allPages(AuditQuery query) throws Exception {
        List<Long> seqs = new ArrayList<>();
        AuditPage page = AuditSearch.search(admin, schema, query);
        seqs.addAll(page.records().stream().map(AuditRecord::sequence).toList());
        int pages = 1;
        while (page.hasMore()) {
            page = AuditSearch.search(admin, schema, query.after(page));
            seqs.addAll(page.records().stream().map(AuditRecord::sequence).toList());
            pages++;
        }
        assertThat(pages).isLessThanOrEqualTo(seqs.size() / query.limit() + 1);
        return seqs;
    }

    @Test
    void eachFilterReturnsExactlyTheMatchingEventsNewestFirstAcrossPages() throws Exception {
        assertThat(allPages(AuditQuery.all().withPatient("Patient/p1").withLimit(3)))
                .isEqualTo(expected(e -> "Patient/p1".equals(e.patientId())));
        assertThat(allPages(AuditQuery.all().withUser("u7").withLimit(4)))
                .isEqualTo(expected(e -> e.user().userId().equals("u7")));
        assertThat(allPages(AuditQuery.all().withApplication("richtlijnen").withLimit(50)))
                .isEqualTo(expected(e -> "richtlijnen".equals(e.applicationId())));
        assertThat(allPages(AuditQuery.all().withDecisions(Set.of(AuditDecision.REFUSED)).withLimit(7)))
                .hasSize(N / 10)
                .isEqualTo(expected(e -> e.decision() == AuditDecision.REFUSED));
        assertThat(allPages(AuditQuery.all().withDecisions(Set.of(AuditDecision.PSEUDONYMISED, AuditDecision.REFUSED))))
                .isEqualTo(expected(e -> e.decision() == AuditDecision.PSEUDONYMISED || e.decision() == AuditDecision.REFUSED));
        assertThat(allPages(AuditQuery.all().withOutcomes(Set.of(AuditOutcome.MINOR_FAILURE))))
                .isEqualTo(expected(e -> e.outcome() == AuditOutcome.MINOR_FAILURE));
        assertThat(allPages(AuditQuery.all().withTypes(Set.of(AuditEventType.PATIENT_RECORD_READ, AuditEventType.USER_LOGIN))))
                .hasSize(2)
                .isEqualTo(expected(e -> e.type() == AuditEventType.PATIENT_RECORD_READ || e.type() == AuditEventType.USER_LOGIN));
        Instant from = Instant.parse("2026-11-01T10:00:03Z");
        Instant to = Instant.parse("2026-11-01T10:00:07Z");
        assertThat(allPages(AuditQuery.all().withTimeRange(from, to).withUser("u3").withLimit(2)))
                .isNotEmpty()
                .isEqualTo(expected(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to) && e.user().userId().equals("u3")));
        List<Long> everything = allPages(AuditQuery.all().withLimit(AuditQuery.MAX_LIMIT));
        assertThat(everything).hasSize(stored.size()).doesNotHaveDuplicates();
    }

    @Test
    void invalidQueriesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> AuditQuery.all().withLimit(0)).hasMessageContaining("page size");
        assertThatThrownBy(() -> AuditQuery.all().withTimeRange(Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
                .hasMessageContaining("time range");
        assertThatThrownBy(() -> AuditSearch.search(admin, "audit; drop table x", AuditQuery.all())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvExportHasOneRowPerEventAndNeutralisesFormulas() throws Exception {
        StringWriter out = new StringWriter();
        long n = AuditExport.csv(admin, schema, AuditQuery.all(), out);
        assertThat(n).isEqualTo(stored.size());
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out.toString())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(stored.size());
        assertThat(rows.getFirst().keySet()).containsExactlyElementsOf(nl.consilium.audit.export.CsvExport.COLUMNS);
        Map<String, String> first = rows.getFirst();
        AuditEvent e1 = stored.get(1L);
        assertThat(first.get("seq")).isEqualTo("1");
        assertThat(first.get("patient_id")).isEqualTo(e1.patientId());
        assertThat(first.get("occurred_at")).isEqualTo(e1.occurredAt().toString());
        JsonNode objects = JsonMapper.builder().build().readTree(first.get("objects"));
        assertThat(objects.size()).isEqualTo(e1.objects().size());
        assertThat(objects.get(0).asString()).isEqualTo("FHIR_RESOURCE:" + e1.objects().getFirst().reference());
        assertThat(rows.getLast().get("user_id")).startsWith("'=");
    }

    @Test
    void fhirExportIsValidR4WithOnePatientEntityPerPatientRead() throws Exception {
        StringWriter out = new StringWriter();
        long n = AuditExport.fhir(admin, schema, AuditQuery.all(), AuditExport.FhirFormat.BUNDLE, out);
        assertThat(n).isEqualTo(stored.size());
        FhirContext ctx = FhirContext.forR4();
        IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Bundle bundle = parser.parseResource(Bundle.class, out.toString());
        assertThat(bundle.getEntry()).hasSize(stored.size());

        List<org.hl7.fhir.r4.model.AuditEvent> events = bundle.getEntry().stream()
                .map(en -> (org.hl7.fhir.r4.model.AuditEvent) en.getResource()).toList();
        org.hl7.fhir.r4.model.AuditEvent read = events.stream()
                .filter(ae -> ae.getSubtype().stream().anyMatch(c -> "PATIENT_RECORD_READ".equals(c.getCode()))).findFirst().orElseThrow();
        assertThat(read.getType().getCode()).isEqualTo("rest");
        assertThat(read.getSubtype()).anyMatch(c -> "read".equals(c.getCode()));
        assertThat(read.getAction().toCode()).isEqualTo("R");
        assertThat(read.getMeta().getProfile()).anyMatch(p -> p.getValue().endsWith("IHE.BasicAudit.PatientRead"));
        List<AuditEventEntityComponent> patients = read.getEntity().stream().filter(en -> "1".equals(en.getRole().getCode())).toList();
        assertThat(patients).hasSize(1);
        assertThat(patients.getFirst().getWhat().getReference()).isEqualTo("Patient/p1");
        assertThat(read.getEntity()).filteredOn(en -> "4".equals(en.getRole().getCode()))
                .extracting(en -> en.getWhat().getReference()).containsExactly("Observation/hb-1", "Condition/c-9");

        // Every event that names a patient has exactly one patient entity.
        for (org.hl7.fhir.r4.model.AuditEvent ae : events) {
            long patientEntities = ae.getEntity().stream().filter(en -> "1".equals(en.getRole().getCode())).count();
            assertThat(patientEntities).isLessThanOrEqualTo(1);
        }
        long refusedSeq = stored.entrySet().stream().filter(en -> "req-10".equals(en.getValue().correlationId()))
                .findFirst().orElseThrow().getKey();
        AuditEvent source = stored.get(refusedSeq); // Events.chat(10): decision REFUSED
        org.hl7.fhir.r4.model.AuditEvent refused = events.get((int) refusedSeq - 1);
        assertThat(refused.getIdElement().getIdPart()).isEqualTo("consilium-audit-" + refusedSeq);
        assertThat(refused.getOutcome().toCode()).isEqualTo("4");
        assertThat(refused.getOutcomeDesc()).contains("refused").contains("R-0");
        assertThat(refused.getAgent()).anyMatch(a -> a.getWho().getIdentifier().getValue().equals(source.user().userId()) && a.getRequestor());
        assertThat(refused.getAgent()).anyMatch(a -> a.getWho().getIdentifier().getValue() != null
                && a.getWho().getIdentifier().getValue().equals(source.responsibleUser().userId()));
        assertThat(refused.getRecorded().toInstant()).isEqualTo(source.occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        StringWriter ndjson = new StringWriter();
        AuditExport.fhir(admin, schema, AuditQuery.all().withPatient("Patient/p1"), AuditExport.FhirFormat.NDJSON, ndjson);
        String[] lines = ndjson.toString().split("\n");
        assertThat(lines).hasSize(expected(e -> "Patient/p1".equals(e.patientId())).size());
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(parser.parseResource(org.hl7.fhir.r4.model.AuditEvent.class, line).getIdElement().getIdPart());
        }
        assertThat(ids).hasSize(lines.length);
    }
}
