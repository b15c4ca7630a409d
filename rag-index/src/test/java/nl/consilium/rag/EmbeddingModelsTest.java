package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmbeddingModelsTest {

    @Test
    void bundledModelEmbedsQueriesAndPassagesIn384DimensionsAndRanksTheRelevantPassageFirst() {
        KnowledgeEmbeddingModel model = SharedModel.bundled();
        assertThat(model.modelId()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(model.dimensions()).isEqualTo(384);

        List<String> passages = List.of(
                "Amoxicillin dosing for community-acquired pneumonia in adults: 750 mg three times daily for five days.",
                "The hospital cafeteria is open from 8 am to 7 pm on weekdays.",
                "Insulin pumps must be checked by the diabetes nurse before surgery.");
        List<float[]> vectors = model.embed(passages);
        float[] query = model.embedQuery("what dose of amoxicillin for pneumonia");
        assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
        assertThat(cos(query, vectors.get(0))).isGreaterThan(cos(query, vectors.get(1)) + 0.1)
                .isGreaterThan(cos(query, vectors.get(2)));
        // Batched and single embedding agree; the query instruction makes the query side differ.
        assertThat(cos(model.embed(passages.get(0)), vectors.get(0))).isGreaterThan(0.999);
        assertThat(cos(model.embedQuery(passages.get(0)), vectors.get(0))).isLessThan(0.999);
        // Spring AI call path
        EmbeddingResponse response = model.call(new EmbeddingRequest(passages.subList(0, 2), null));
        assertThat(response.getResults()).hasSize(2);
        assertThat(cos(response.getResults().get(1).getOutput(), vectors.get(1))).isGreaterThan(0.999);
    }

    @Test
    void openAiCompatibleEndpointIsCalledWithTheWireFormatAndPrefixes() throws IOException {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            StringBuilder data = new StringBuilder();
            List<String> inputs = new ArrayList<>();
            body.path("input").forEach(n -> inputs.add(n.asString()));
            // Answer in reverse order: the client must sort by index.
            for (int i = inputs.size() - 1; i >= 0; i--) {
                float len = inputs.get(i).length();
                data.append(data.isEmpty() ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                        .append(",\"embedding\":[").append(len).append(",1.0,0.5]}");
            }
            byte[] out = ("{\"object\":\"list\",\"model\":\"e5\",\"data\":[" + data + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            KnowledgeEmbeddingModel model = EmbeddingModels.openAiCompatible(new OpenAiCompatibleEmbeddingSettings(
                    base, "multilingual-e5-small", "secret", 3, "query: ", "passage: ", 2, Duration.ofSeconds(5)));
            List<float[]> vectors = model.embed(List.of("a", "bb", "ccc"));
            assertThat(vectors).extracting(v -> v[0]).containsExactly(10f, 11f, 12f); // "passage: " is 9 chars
            assertThat(requests).hasSize(2); // batch size 2
            assertThat(authorizations).containsOnly("Bearer secret");
            assertThat(requests.get(0).path("model").asString()).isEqualTo("multilingual-e5-small");
            assertThat(requests.get(0).path("input").get(0).asString()).isEqualTo("passage: a");
            assertThat(model.embedQuery("x")[0]).isEqualTo(8f);
            assertThat(requests.getLast().path("input").get(0).asString()).isEqualTo("query: x");
            assertThat(model.modelId()).startsWith("openai-compatible:multilingual-e5-small");

            KnowledgeEmbeddingModel wrongDims = EmbeddingModels.openAiCompatible(OpenAiCompatibleEmbeddingSettings.of(base, "m", 384));
            assertThatThrownBy(() -> wrongDims.embed(List.of("a", "b")))
                    .isInstanceOf(EmbeddingEndpointException.class).hasMessageContaining("3 dimensions");
        } finally {
            server.stop(0);
        }
        KnowledgeEmbeddingModel down = EmbeddingModels.openAiCompatible(OpenAiCompatibleEmbeddingSettings.of(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "m", 3));
        assertThatThrownBy(() -> down.embedQuery("x")).isInstanceOf(EmbeddingEndpointException.class).hasMessageContaining("unreachable");
    }

    static double cos(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
