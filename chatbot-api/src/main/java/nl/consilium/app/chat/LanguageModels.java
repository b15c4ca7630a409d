package nl.consilium.app.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.consilium.policy.Application;
import nl.consilium.policy.ModelEndpoint;
import nl.consilium.policy.UseConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

/**
 * The language models Consilium may call: only endpoints on the use conditions' allow-list (which requires
 * "no training on inputs"), and only those IT has switched on. Any other endpoint cannot be reached because
 * no client for it exists.
 */
@Component
public class LanguageModels {

    private static final Logger log = LoggerFactory.getLogger(LanguageModels.class);

    public record Configured(String endpointId, String model, ChatClient chatClient) {
    }

    private final Map<String, Configured> models = new LinkedHashMap<>();

    public LanguageModels(UseConditions useConditions, ChatProperties properties) {
        properties.endpoints().forEach((id, settings) -> {
            if (!settings.enabled()) {
                return;
            }
            ModelEndpoint endpoint = useConditions.modelEndpoint(id).orElseThrow(() -> new IllegalStateException(
                    "consilium.chat.endpoints." + id + " is switched on but '" + id
                            + "' is not on the use conditions' model_endpoints allow-list"));
            models.put(id, new Configured(id, endpoint.model().orElse("default"),
                    ChatClient.create(build(endpoint, settings, properties))));
            log.info("Language model endpoint '{}' enabled ({})", id, endpoint.baseUrl());
        });
        if (models.isEmpty()) {
            log.info("No language model endpoint enabled: answers are extractive (cited passages, verbatim)");
        }
    }

    /**
     * The first endpoint of the application that is switched on in this deployment's configuration and not taken
     * out of service by IT ({@code outOfService}), if any. An endpoint that is out of service is never called.
     */
    public Optional<Configured> forApplication(Application application, Set<String> outOfService) {
        return application.modelEndpoints().stream().filter(id -> !outOfService.contains(id)).map(models::get)
                .filter(m -> m != null).findFirst();
    }

    private static ChatModel build(ModelEndpoint endpoint, ChatProperties.Endpoint settings, ChatProperties properties) {
        OpenAiChatOptions.Builder options = OpenAiChatOptions.builder();
        options.baseUrl(endpoint.baseUrl().toString());
        // Internal endpoints often need no key; the SDK insists on one, and a placeholder is never sent anywhere else.
        options.apiKey(settings.apiKey() == null || settings.apiKey().isBlank() ? "no-key" : settings.apiKey());
        options.model(endpoint.model().orElse("default"));
        options.timeout(properties.modelTimeout());
        options.maxRetries(properties.modelRetries());
        options.temperature(0.0);
        // Ask the provider not to keep the exchange (OpenAI "store"); the allow-list already requires no training.
        options.store(false);
        return OpenAiChatModel.builder().options(options.build()).build();
    }
}
