package nl.consilium.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox EPD over plain HTTP: what a real FHIR client (or curl) sees. */
class SandboxEpdTest {

    private static SandboxEpd epd;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final FhirContext fhir = FhirContext.forR4Cached();

    @BeforeAll
    static void start() {
        epd = SandboxEpd.start(0);
    }

    @AfterAll
    static void stop() {
        epd.close();
    }

    private static HttpResponse<String> get(String relative) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(epd.baseUrl() + "/" + relative)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesDutchPatientWithValidBsn() throws Exception {
        HttpResponse<String> response = get("Patient/" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG);
        assertThat(response.statusCode()).isEqualTo(200);
        Patient patient = fhir.newJsonParser().parseResource(Patient.class, response.body());
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("van den Berg");
        String bsn = patient.getIdentifier().stream()
                .filter(i -> "http://fhir.nl/fhir/NamingSystem/bsn".equals(i.getSystem())).findFirst().orElseThrow().getValue();
        assertThat(elevenProof(bsn)).isTrue();
        assertThat(patient.getAddressFirstRep().getPostalCode()).matches("\\d{4} [A-Z]{2}");
    }

    @Test
    void everyPatientHasAValidBsnOrIsSynthetic() {
        // The Dutch patients all carry BSNs that pass the 11-proof.
        for (String id : SandboxEpd.patientIds()) {
            if (id.startsWith("nl-")) {
                try {
                    Patient p = fhir.newJsonParser().parseResource(Patient.class, get("Patient/" + id).body());
                    assertThat(elevenProof(p.getIdentifierFirstRep().getValue())).as(id).isTrue();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(SandboxEpd.patientIds()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyPatientCanBeReadAndSearched() throws Exception {
        for (String id : SandboxEpd.patientIds()) {
            assertThat(get("Patient/" + id).statusCode()).as(id).isEqualTo(200);
            HttpResponse<String> search = get("Condition?patient=" + id);
            assertThat(search.statusCode()).as(id + " " + search.body()).isEqualTo(200);
        }
    }

    @Test
    void unknownPatientIs404WithOperationOutcome() throws Exception {
        HttpResponse<String> read = get("Patient/does-not-exist");
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, read.body()).getIssue()).isNotEmpty();
        HttpResponse<String> search = get("Observation?patient=does-not-exist");
        assertThat(search.statusCode()).isEqualTo(404);
        assertThat(search.body()).contains("OperationOutcome");
    }

    @Test
    void badParametersAre400WithOperationOutcome() throws Exception {
        HttpResponse<String> badDate = get("Observation?patient=" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG + "&date=notadate");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("OperationOutcome");
        HttpResponse<String> unknownParam = get("Observation?patient=" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG + "&colour=blue");
        assertThat(unknownParam.statusCode()).isEqualTo(400);
        HttpResponse<String> noPatient = get("Observation?code=2160-0");
        assertThat(noPatient.statusCode()).isEqualTo(400);
    }

    @Test
    void searchesByDateRangeAndCodeAndPages() throws Exception {
        String base = "Observation?patient=" + SandboxEpd.PATIENT_WITH_THOUSANDS_OF_OBSERVATIONS
                + "&code=http://loinc.org%7C2160-0&date=ge2023-01-01&date=le2023-01-31&_count=10";
        Bundle first = fhir.newJsonParser().parseResource(Bundle.class, get(base).body());
        assertThat(first.getTotal()).isEqualTo(31);
        assertThat(first.getEntry()).hasSize(10);
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
        int seen = first.getEntry().size();
        Bundle page = first;
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            String next = page.getLink(Bundle.LINK_NEXT).getUrl();
            page = fhir.newJsonParser().parseResource(Bundle.class,
                    http.send(HttpRequest.newBuilder(URI.create(next)).build(), HttpResponse.BodyHandlers.ofString()).body());
            seen += page.getEntry().size();
        }
        assertThat(seen).isEqualTo(31);
    }

    @Test
    void includesReferencedMedication() throws Exception {
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class,
                get("MedicationRequest?patient=" + SandboxEpd.PATIENT_JOHANNA_VAN_DEN_BERG
                        + "&_include=MedicationRequest:medication").body());
        assertThat(bundle.getEntry()).anySatisfy(e -> {
            assertThat(e.getResource().fhirType()).isEqualTo("Medication");
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
        });
        assertThat(bundle.getEntry().stream().filter(e -> e.getResource().fhirType().equals("MedicationRequest"))).hasSize(2);
    }

    @Test
    void elementsParameterLeavesOutPresentedForm() throws Exception {
        String base = "DiagnosticReport?patient=" + PatientContextTest.SYNTHEA_RICH + "&_count=5";
        assertThat(get(base).body()).contains("presentedForm");
        HttpResponse<String> subset = get(base + "&_elements=status,code,effective,conclusion,result");
        assertThat(subset.statusCode()).isEqualTo(200);
        assertThat(subset.body()).doesNotContain("presentedForm").contains("\"code\"");
    }

    @Test
    void patientWithoutDataHasEmptySearches() throws Exception {
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class,
                get("Condition?patient=" + SandboxEpd.PATIENT_WITHOUT_DATA).body());
        assertThat(bundle.getEntry()).isEmpty();
    }

    static boolean elevenProof(String bsn) {
        if (bsn == null || !bsn.matches("\\d{9}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (bsn.charAt(i) - '0') * (9 - i);
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
    }
}
