package nl.consilium.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import nl.consilium.app.support.DemoAppTest;
import nl.consilium.app.support.Http;
import nl.consilium.app.support.Sse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Without a configured language model Consilium answers with verbatim, cited passages and says so. */
@DemoAppTest
class ExtractiveModeTest {


    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void theBestPassagesAreQuotedVerbatimWithTheirCitationsAndLabelled() {
        Http specialist = new Http(port, "specialist");
        specialist.put("/api/v1/applications/richtlijnen/terms/acceptance", "{\"termsVersion\":\"1\"}");
        HttpResponse<String> started = specialist.post("/api/v1/conversations", "{\"applicationId\":\"richtlijnen\"}");
        UUID id = UUID.fromString(json.readTree(started.body()).path("id").asString());

        HttpResponse<String> response = specialist.post("/api/v1/conversations/" + id + "/messages",
                "{\"text\":\"Hoe snel moet antibiotica gegeven worden bij sepsis?\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Sse.Event> events = Sse.parse(response.body());
        StringBuilder answer = new StringBuilder();
        events.stream().filter(e -> e.name().equals("token"))
                .forEach(e -> answer.append(json.readTree(e.data()).path("text").asString()));
        JsonNode sources = json.readTree(Sse.first(events, "sources").data());
        assertThat(sources.path("mode").asString()).isEqualTo("EXTRACTIVE");
        assertThat(answer.toString()).startsWith("Extractief antwoord: voor deze toepassing is geen taalmodel ingesteld");
        JsonNode first = sources.path("sources").get(0);
        assertThat(answer.toString()).contains("[1] " + first.path("title").asString())
                .contains(first.path("text").asString().strip());
        assertThat(sources.path("sources").toString()).containsIgnoringCase("sepsis");
        JsonNode decision = json.readTree(Sse.first(events, "decision").data());
        assertThat(decision.has("modelEndpoint")).isFalse();
        assertThat(decision.path("auditSequence").asLong()).isPositive();
    }
}
