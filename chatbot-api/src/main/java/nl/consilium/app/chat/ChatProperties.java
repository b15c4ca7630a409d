package nl.consilium.app.chat;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Run-time settings of the chat turn. Which model endpoints exist is declared in the use conditions (the
 * allow-list); here IT only switches a declared endpoint on and gives its key from the environment.
 *
 * @param maxConcurrentGenerations turns that may wait on the model at once; beyond that users get "busy"
 * @param passages                 knowledge passages retrieved per turn
 * @param modelTimeout             per call to the model
 * @param modelRetries             bounded retries on a failed model call
 * @param endpoints                per allow-listed endpoint id: enabled and its API key
 */
@ConfigurationProperties("consilium.chat")
public record ChatProperties(
        Integer maxConcurrentGenerations,
        Integer passages,
        Duration modelTimeout,
        Integer modelRetries,
        Map<String, Endpoint> endpoints) {

    public ChatProperties {
        maxConcurrentGenerations = maxConcurrentGenerations == null ? 16 : maxConcurrentGenerations;
        passages = passages == null ? 5 : passages;
        modelTimeout = modelTimeout == null ? Duration.ofSeconds(60) : modelTimeout;
        modelRetries = modelRetries == null ? 1 : modelRetries;
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }

    /** @param enabled whether Consilium may call this allow-listed endpoint; @param apiKey from the environment */
    public record Endpoint(boolean enabled, String apiKey) {
        @Override
        public String toString() {
            return "Endpoint[enabled=" + enabled + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
        }
    }
}
