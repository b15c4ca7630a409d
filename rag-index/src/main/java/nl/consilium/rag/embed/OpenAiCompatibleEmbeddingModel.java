package nl.consilium.rag.embed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.consilium.rag.EmbeddingEndpointException;
import nl.consilium.rag.OpenAiCompatibleEmbeddingSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client for an OpenAI-compatible {@code /v1/embeddings} endpoint.
 * <p>
 * Written on the JDK HTTP client rather than Spring AI's OpenAI module because that module (2.0.0)
 * drags the OpenAI SDK and netty natives that are missing from the reachable Maven Central copy,
 * and the wire format needed here is one POST.
 */
public final class OpenAiCompatibleEmbeddingModel extends AbstractKnowledgeEmbeddingModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiCompatibleEmbeddingSettings settings;
    private final URI endpoint;
    private final HttpClient http;

    public OpenAiCompatibleEmbeddingModel(OpenAiCompatibleEmbeddingSettings settings) {
        this.settings = settings;
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base.endsWith("/v1") ? base + "/embeddings" : base + "/v1/embeddings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String modelId() {
        // The endpoint host is not part of the identity: the same model behind another URL gives the same vectors.
        return "openai-compatible:" + settings.model()
                + (settings.passagePrefix().isEmpty() && settings.queryPrefix().isEmpty() ? ""
                : ":q=" + settings.queryPrefix().strip() + ":p=" + settings.passagePrefix().strip());
    }

    @Override
    public int dimensions() {
        return settings.dimensions();
    }

    @Override
    public float[] embedQuery(String query) {
        return request(List.of(settings.queryPrefix() + query)).getFirst();
    }

    @Override
    protected List<float[]> embedPassages(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += settings.batchSize()) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + settings.batchSize()))
                    .stream().map(t -> settings.passagePrefix() + t).toList();
            out.addAll(request(batch));
        }
        return out;
    }

    private List<float[]> request(List<String> inputs) {
        String body = JSON.writeValueAsString(Map.of("model", settings.model(), "input", inputs, "encoding_format", "float"));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EmbeddingEndpointException("embedding endpoint " + endpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingEndpointException("interrupted while calling the embedding endpoint", e);
        }
        if (response.statusCode() / 100 != 2) {
            // The body may echo input text: only the status goes into the message.
            throw new EmbeddingEndpointException("embedding endpoint " + endpoint + " answered HTTP " + response.statusCode(), null);
        }
        JsonNode data = JSON.readTree(response.body()).path("data");
        if (!data.isArray() || data.size() != inputs.size()) {
            throw new EmbeddingEndpointException("embedding endpoint returned " + data.size() + " embeddings for "
                    + inputs.size() + " inputs", null);
        }
        float[][] vectors = new float[inputs.size()][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            JsonNode embedding = item.path("embedding");
            if (index < 0 || index >= vectors.length || !embedding.isArray()) {
                throw new EmbeddingEndpointException("embedding endpoint returned a malformed item", null);
            }
            if (embedding.size() != settings.dimensions()) {
                throw new EmbeddingEndpointException("embedding endpoint returned " + embedding.size()
                        + " dimensions, configured " + settings.dimensions(), null);
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) embedding.get(i).asDouble();
            }
            vectors[index] = v;
        }
        if (Arrays.stream(vectors).anyMatch(v -> v == null)) {
            throw new EmbeddingEndpointException("embedding endpoint skipped an input index", null);
        }
        return List.of(vectors);
    }
}
