package nl.consilium.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HexFormat;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/** The EPD's launch link over HTTP: a valid one opens the UI on the patient, an edited one is a problem. */
@DemoAppTest
class EpdLaunchEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    EpdLaunch launch;

    @Autowired
    ObjectMapper json;

    String link(String patient, String application, String user, long iat, String signedPatient) {
        String sig = HexFormat.of().formatHex(launch.sign(signedPatient + "|" + application + "|" + user + "|" + iat));
        return "/launch?patient=" + patient + "&application=" + application + "&user=" + user + "&iat=" + iat
                + "&sig=" + sig;
    }

    @Test
    void aSignedLaunchOpensTheUiOnThePatientAndAnEditedOneIsRefused() {
        Http specialist = new Http(port, "specialist");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> ok = specialist.get(link("nl-0002", "patientsamenvatting", "specialist", now, "nl-0002"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow())
                .endsWith("/?application=patientsamenvatting&patient=nl-0002");
        assertThat(launch.confirmed("specialist", "nl-0002")).isTrue();

        // The same link again (a copied URL, a replay): refused, whichever instance it reaches.
        HttpResponse<String> again = specialist.get(link("nl-0002", "patientsamenvatting", "specialist", now, "nl-0002"));
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(again.body()).path("reason").asString()).isEqualTo("ALREADY_USED");

        HttpResponse<String> edited = specialist.get(link("nl-0003", "patientsamenvatting", "specialist", now, "nl-0002"));
        assertThat(edited.statusCode()).isEqualTo(403);
        assertThat(json.readTree(edited.body()).path("reason").asString()).isEqualTo("BAD_SIGNATURE");
        assertThat(edited.body()).doesNotContain("nl-0003");
        assertThat(launch.confirmed("specialist", "nl-0003")).isFalse();
    }
}
