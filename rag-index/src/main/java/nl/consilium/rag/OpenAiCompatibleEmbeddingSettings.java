package nl.consilium.rag;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A hospital's own embedding endpoint speaking the OpenAI {@code /v1/embeddings} wire format.
 *
 * @param baseUrl      e.g. {@code http://embeddings.intern:8080} or {@code .../v1}
 * @param apiKey       bearer token, may be null for endpoints inside the network without one
 * @param dimensions   the model's vector length, must match the index
 * @param queryPrefix  prepended to queries (e5: "query: "), may be empty
 * @param passagePrefix prepended to passages (e5: "passage: "), may be empty
 * @param batchSize    passages per request
 */
public record OpenAiCompatibleEmbeddingSettings(
        URI baseUrl, String model, String apiKey, int dimensions, String queryPrefix, String passagePrefix,
        int batchSize, Duration timeout) {

    public OpenAiCompatibleEmbeddingSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
        batchSize = batchSize <= 0 ? 64 : batchSize;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    public static OpenAiCompatibleEmbeddingSettings of(URI baseUrl, String model, int dimensions) {
        return new OpenAiCompatibleEmbeddingSettings(baseUrl, model, null, dimensions, "", "", 64, null);
    }
}
