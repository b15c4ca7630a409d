package nl.consilium.app.web.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nl.consilium.app.chat.ChatProperties;
import nl.consilium.ehr.EhrClient;
import nl.consilium.policy.UseConditions;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFilter;
import nl.consilium.rag.KnowledgeBase;
import nl.consilium.rag.KnowledgeDocument;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The IT view's connection overview: the knowledge sources with their documents per approval state, the
 * allow-listed model endpoints and whether this instance may call them, and whether the EPD answers. Under
 * /api/v1/admin, so only hospital IT reaches it. Read-only: nothing here changes state or calls a model.
 */
@RestController
public class ConnectionsController {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final UseConditions useConditions;
    private final KnowledgeBase knowledge;
    private final ChatProperties chat;
    private final EhrClient ehr;
    // HTTP/1.1: no h2c upgrade attempt, which some FHIR servers answer slowly or not at all.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public ConnectionsController(UseConditions useConditions, KnowledgeBase knowledge, ChatProperties chat,
            EhrClient ehr) {
        this.useConditions = useConditions;
        this.knowledge = knowledge;
        this.chat = chat;
        this.ehr = ehr;
    }

    public record KnowledgeSourceState(String id, String titleNl, String titleEn, Map<ApprovalState, Integer> documents) {
    }

    public record ModelEndpointState(String id, String description, String baseUrl, String model,
            boolean noTrainingOnInputs, boolean enabledHere, boolean apiKeyConfigured) {
    }

    /** @param status HTTP status of the EPD's CapabilityStatement, 0 when it did not answer */
    public record EpdState(String baseUrl, boolean reachable, int status, long millis, String detail) {
    }

    public record Connections(List<KnowledgeSourceState> knowledgeSources, List<ModelEndpointState> modelEndpoints,
            EpdState epd) {
    }

    @GetMapping("/api/v1/admin/connections")
    public Connections connections() {
        Map<String, Map<ApprovalState, Integer>> counts = new TreeMap<>();
        for (KnowledgeDocument document : knowledge.list(DocumentFilter.all())) {
            counts.computeIfAbsent(document.sourceId(), id -> new EnumMap<>(ApprovalState.class))
                    .merge(document.state(), 1, Integer::sum);
        }
        List<KnowledgeSourceState> sources = useConditions.knowledgeSources().stream()
                .map(s -> new KnowledgeSourceState(s.id(), s.title().nl(), s.title().en(),
                        withZeros(counts.getOrDefault(s.id(), Map.of()))))
                .toList();
        List<ModelEndpointState> endpoints = useConditions.modelEndpoints().stream()
                .map(e -> {
                    ChatProperties.Endpoint configured = chat.endpoints().get(e.id());
                    return new ModelEndpointState(e.id(), e.description(), e.baseUrl().toString(),
                            e.model().orElse(null), e.noTrainingOnInputs(), configured != null && configured.enabled(),
                            configured != null && configured.apiKey() != null && !configured.apiKey().isBlank());
                })
                .toList();
        return new Connections(sources, endpoints, probeEpd());
    }

    private static Map<ApprovalState, Integer> withZeros(Map<ApprovalState, Integer> counts) {
        Map<ApprovalState, Integer> all = new LinkedHashMap<>();
        for (ApprovalState state : ApprovalState.values()) {
            all.put(state, counts.getOrDefault(state, 0));
        }
        return all;
    }

    /** One unauthenticated GET of the CapabilityStatement: says whether the EPD answers, not whether reads work. */
    private EpdState probeEpd() {
        URI base = ehr.config().baseUrl();
        String text = base.toString();
        URI metadata = URI.create(text.endsWith("/") ? text + "metadata" : text + "/metadata");
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(metadata).timeout(PROBE_TIMEOUT)
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new EpdState(text, response.statusCode() < 500, response.statusCode(), millis,
                    response.statusCode() == 200 ? "CapabilityStatement OK" : "HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            return new EpdState(text, false, 0, (System.nanoTime() - start) / 1_000_000,
                    e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EpdState(text, false, 0, 0, "interrupted");
        }
    }
}
