package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Patient context against the running sandbox EPD. */
class PatientContextTest {

    static final Set<String> ALL = Set.of("Patient", "Condition", "MedicationRequest", "MedicationStatement",
            "AllergyIntolerance", "Observation", "DiagnosticReport", "Procedure", "DocumentReference", "Encounter");
    static final TimeWindow FIVE_YEARS = new TimeWindow(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1));
    /** Synthea's patient with the longest record (1 540 observations in five years). */
    static final String SYNTHEA_RICH = "0dc700f5-c07b-84cc-5079-df53adf6bcd1";

    private static SandboxEpd epd;
    private static EhrClient client;

    @BeforeAll
    static void start() {
        epd = SandboxEpd.start(0);
        client = new EhrClient(EhrClientConfig.of(epd.baseUrl(), null).withPageSize(50));
    }

    @AfterAll
    static void stop() {
        client.close();
        epd.close();
    }

    @BeforeEach
    void clear() {
        epd.clearRequests();
    }

    private static PatientContext context(String patient, Set<String> allowed, PersonalDataMode mode) {
        return client.patientContext(new ContextRequest(patient, allowed, FIVE_YEARS, mode));
    }

    @Test
    void identifiedContextHasOrderedSectionsWithReferencesRangesAndTrends() {
        PatientContext context = context(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, ALL, new PersonalDataMode.Allowed());

        assertThat(context.sections()).extracting(ContextSection::kind).startsWith(
                ContextSection.Kind.PATIENT, ContextSection.Kind.PROBLEMS, ContextSection.Kind.MEDICATION,
                ContextSection.Kind.ALLERGIES, ContextSection.Kind.LABS);
        String text = context.text();
        assertThat(text).contains("van den Berg", "123456782");
        assertThat(text).contains("[Condition/nl-0001-c1] Diabetes mellitus type 2 — active");
        // medication resolved through _include=MedicationRequest:medication
        assertThat(text).contains("[MedicationRequest/nl-0001-mr1] Metformine 500 mg tablet — 2 dd 1 tablet");
        assertThat(epd.requests()).anyMatch(r -> r.resourceType().equals("MedicationRequest")
                && r.query().contains("_include=MedicationRequest%3Amedication"));
        assertThat(text).contains("[AllergyIntolerance/nl-0001-a1] Penicilline — criticality high; reaction: Urticaria");
        // latest creatinine cites the newest observation, with its reference range, flag and a rising trend
        ContextFact creatinine = fact(context, ContextSection.Kind.LABS, "Kreatinine");
        assertThat(creatinine.reference()).isEqualTo("Observation/nl-0001-kreat-11");
        assertThat(creatinine.text()).contains("(H)", "reference 45–90 umol/L", "rising over the last 12 results");
        assertThat(fact(context, ContextSection.Kind.LABS, "eGFR").text()).contains("falling");
        assertThat(fact(context, ContextSection.Kind.NOTES, "Voortgangsverslag").text()).contains("kreatinine stijgend");
        assertThat(context.references()).allMatch(r -> r.matches("[A-Za-z]+/[A-Za-z0-9\\-.]+"));
        assertThat(context.text().length()).isLessThanOrEqualTo(ContextLimits.defaults().maxCharacters());
    }

    @Test
    void withheldPersonalDataNeverShowsIdentifyingFields() {
        PatientContext context = context(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, ALL, new PersonalDataMode.Withheld());
        assertNoIdentifiers(context.text());
        assertThat(context.text()).contains("female", "years");
        assertThat(fact(context, ContextSection.Kind.NOTES, "Voortgangsverslag").text()).contains("text withheld");
        assertThat(context.text()).contains("Kreatinine");
    }

    @Test
    void pseudonymisedContextHasSurrogatesShiftedDatesAndNoRealIdentifiers() {
        TestPseudonymisationSession session = new TestPseudonymisationSession();
        PatientContext context = context(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, ALL, new PersonalDataMode.Pseudonymised(session));

        assertNoIdentifiers(context.text());
        assertThat(context.patientReference()).isEqualTo("Patient/pseudo-1");
        assertThat(context.text()).contains("Persoon-1"); // the surrogate name
        assertThat(context.window().to()).isEqualTo(FIVE_YEARS.to().plusDays(TestPseudonymisationSession.SHIFT_DAYS));
        ContextFact creatinine = fact(context, ContextSection.Kind.LABS, "Kreatinine");
        LocalDate real = LocalDate.of(2022, 1, 15).plusMonths(33);
        assertThat(creatinine.date()).isEqualTo(real.plusDays(TestPseudonymisationSession.SHIFT_DAYS));
        assertThat(creatinine.text()).doesNotContain(real.toString());
        // the note is there, pseudonymised: clinical content kept, the person gone
        assertThat(fact(context, ContextSection.Kind.NOTES, "Voortgangsverslag").text())
                .contains("kreatinine stijgend").doesNotContain("Berg");
        // and the mapping back stays with the session
        assertThat(session.reidentify(context.patientReference())).isEqualTo("Patient/" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG);
    }

    @Test
    void pseudonymisedSyntheaNotesLoseTheGeneratedNames() {
        PatientContext context = context(SYNTHEA_RICH, ALL, new PersonalDataMode.Pseudonymised(new TestPseudonymisationSession()));
        // Synthea writes "Lynne528 is a 63 year-old ..." into every note
        assertThat(context.text()).doesNotContain("Lynne528", "Herman763");
        assertThat(section(context, ContextSection.Kind.NOTES).facts()).isNotEmpty();
        assertThat(section(context, ContextSection.Kind.LABS).facts()).isNotEmpty();
    }

    @Test
    void onlyAllowedResourceTypesAreEverRequested() {
        Set<String> allowed = Set.of("Condition", "Observation");
        PatientContext context = context(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, allowed, new PersonalDataMode.Withheld());

        Set<String> requested = epd.requests().stream().map(SandboxEpd.Request::resourceType).collect(Collectors.toSet());
        requested.remove("_getpages");
        assertThat(requested).isEqualTo(allowed);
        assertThat(context.requestedResourceTypes()).isEqualTo(allowed);
        assertThat(context.sections()).extracting(ContextSection::kind)
                .containsOnly(ContextSection.Kind.PROBLEMS, ContextSection.Kind.LABS, ContextSection.Kind.VITALS);
        assertThat(context.text()).doesNotContain("Metformine", "Penicilline", "voortgangsverslag");
    }

    @Test
    void nothingAllowedMeansNothingRequested() {
        PatientContext context = context(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, Set.of(), new PersonalDataMode.Allowed());
        assertThat(epd.requests()).isEmpty();
        assertThat(context.isEmpty()).isTrue();
    }

    @Test
    void patientWithoutDataGivesAnEmptyContext() {
        PatientContext context = context(SandboxEpd.PATIENT_WITHOUT_DATA, ALL, new PersonalDataMode.Allowed());
        assertThat(context.isEmpty()).isTrue();
        assertThat(context.sections()).extracting(ContextSection::kind).containsExactly(ContextSection.Kind.PATIENT);
        assertThat(context.text()).contains("van 't Hof");
    }

    @Test
    void pagesAreFollowedAcrossSeveralPages() {
        PatientContext context = context(SYNTHEA_RICH, Set.of("Observation"), new PersonalDataMode.Withheld());
        long pageRequests = epd.requests().stream().filter(r -> r.resourceType().equals("_getpages")).count();
        assertThat(pageRequests).isGreaterThanOrEqualTo(3); // page size 50, hundreds of labs in five years
        assertThat(context.stats().resourcesRead()).isGreaterThan(150);
        assertThat(context.stats().requests()).isEqualTo(epd.requests().size());
    }

    @Test
    void thousandsOfObservationsGiveABoundedContextAndBoundedReads() {
        ContextLimits limits = new ContextLimits(10, 4_000, 1_000, 1_000, 30, 400, 12);
        PatientContext context = client.patientContext(new ContextRequest(SandboxEpd.PATIENT_WITH_THOUSANDS_OF_OBSERVATIONS,
                ALL, FIVE_YEARS, new PersonalDataMode.Withheld(), limits));

        assertThat(context.text().length()).isLessThanOrEqualTo(4_000);
        assertThat(context.truncated()).isTrue();
        // the lab search stops at the per-type cap: ceil(1000 / 50) pages, never the 130 pages of the full record
        long labRequests = epd.requests().stream().filter(r -> !r.resourceType().equals("Patient")).count();
        assertThat(labRequests).isLessThanOrEqualTo(2L * 1_000 / 50 + 10);
        assertThat(context.stats().resourcesRead()).isLessThanOrEqualTo(1_000 + 50 + 20);
        ContextSection labs = section(context, ContextSection.Kind.LABS);
        assertThat(labs.facts()).hasSizeLessThanOrEqualTo(10);
        assertThat(labs.facts()).allSatisfy(f -> assertThat(f.text()).contains("over the last 12 results"));
    }

    @Test
    void fullReadOfThousandsOfObservationsStillKeepsTwelvePointsPerCode() {
        ContextLimits limits = new ContextLimits(15, 8_000, 10_000, 10_000, 200, 400, 12);
        long before = usedHeap();
        PatientContext context;
        try (EhrClient bigPages = new EhrClient(EhrClientConfig.of(epd.baseUrl(), null).withPageSize(500))) {
            context = bigPages.patientContext(new ContextRequest(SandboxEpd.PATIENT_WITH_THOUSANDS_OF_OBSERVATIONS,
                    Set.of("Observation"), FIVE_YEARS, new PersonalDataMode.Withheld(), limits));
        }
        assertThat(context.stats().resourcesRead()).isEqualTo(DutchPatientsFacts.BULK_OBSERVATIONS);
        ContextSection labs = section(context, ContextSection.Kind.LABS);
        assertThat(labs.facts()).hasSize(8);
        assertThat(labs.facts()).allSatisfy(f -> assertThat(f.text()).contains("over the last 12 results"));
        // what the context retains is a few kilobytes, not the 6 400 observations it streamed through
        assertThat(context.text().length()).isLessThan(8_000);
        assertThat(usedHeap() - before).isLessThan(200L * 1024 * 1024);
    }

    @Test
    void timeWindowLimitsLabsAndNotes() {
        PatientContext recent = client.patientContext(new ContextRequest(SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG, ALL,
                new TimeWindow(LocalDate.of(2024, 7, 1), LocalDate.of(2025, 1, 1)), new PersonalDataMode.Allowed()));
        ContextFact creatinine = fact(recent, ContextSection.Kind.LABS, "Kreatinine");
        assertThat(creatinine.text()).doesNotContain("rising"); // only two results in the half year
        assertThat(epd.requests()).filteredOn(r -> r.resourceType().equals("Observation"))
                .allMatch(r -> r.query().contains("date=ge2024-07-01") && r.query().contains("date=le2025-01-01"));
        // active problems are shown whatever their onset
        assertThat(recent.text()).contains("Hypertensie");
    }

    @Test
    void unknownPatientIsReportedAsSuch() {
        try {
            context("nobody-here", ALL, new PersonalDataMode.Allowed());
            throw new AssertionError("expected EhrException");
        } catch (EhrException e) {
            assertThat(e.failure()).isEqualTo(new EhrFailure.PatientNotFound("nobody-here"));
        }
    }

    @Test
    void invalidPatientIdIsRefusedBeforeAnyRequest() {
        try {
            new ContextRequest("../Patient?x=1", ALL, FIVE_YEARS, new PersonalDataMode.Allowed());
            throw new AssertionError("expected IllegalArgumentException");
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).contains("logical id");
        }
        assertThat(epd.requests()).isEmpty();
    }

    static void assertNoIdentifiers(String text) {
        for (String identifying : List.of("van den Berg", "Johanna", "123456782", "Kerkstraat", "3511 LX", "3511LX",
                "14-03-1956", "1956-03-14", "06-12345678")) {
            assertThat(text).doesNotContainIgnoringCase(identifying);
        }
    }

    static ContextSection section(PatientContext context, ContextSection.Kind kind) {
        return context.sections().stream().filter(s -> s.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + kind + " in:\n" + context.text()));
    }

    static ContextFact fact(PatientContext context, ContextSection.Kind kind, String containing) {
        return section(context, kind).facts().stream().filter(f -> f.text().contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no fact with " + containing + " in:\n" + context.text()));
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Numbers fixed by the sandbox's deterministic data. */
    static final class DutchPatientsFacts {
        static final int BULK_OBSERVATIONS = 800 * 8;
    }
}
