package nl.consilium.app.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The only test double in Consilium's tests: an external language model, reached through its real wire
 * protocol (OpenAI-compatible {@code POST /v1/chat/completions}). It records every request so tests can assert
 * on what Consilium sent, and answers with a text computed from the request.
 */
public final class FakeLanguageModel implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = request -> "Volgens de bron geldt dit [1].";
    private volatile int failuresToServe;
    private volatile long latencyMillis;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

    public FakeLanguageModel() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            requests.add(request);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (latencyMillis > 0) {
                    Thread.sleep(latencyMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            if (failuresToServe > 0) {
                failuresToServe--;
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            response.put("id", "chatcmpl-test");
            response.put("object", "chat.completion");
            response.put("created", 1_700_000_000L);
            response.put("model", request.path("model").asString());
            ObjectNode choice = response.putArray("choices").addObject();
            choice.put("index", 0);
            choice.put("finish_reason", "stop");
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", answer.apply(request));
            ObjectNode usage = response.putObject("usage");
            usage.put("prompt_tokens", 10);
            usage.put("completion_tokens", 10);
            usage.put("total_tokens", 20);
            byte[] out = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        // One virtual thread per request, so a slow model can serve many conversations at once.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The most requests the model had in progress at once since the last {@link #clear()}. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Simulated generation time per request. */
    public void latency(long millis) {
        this.latencyMillis = millis;
    }

    /**
     * A copy of the demo use conditions whose allow-listed endpoint points at this model, so tests reach it
     * exactly as a deployment would: through the use conditions.
     */
    public java.nio.file.Path demoUseConditions() {
        try {
            String demo = java.nio.file.Files.readString(java.nio.file.Path.of("../infra/demo/use-conditions.yaml"));
            java.nio.file.Path policy = java.nio.file.Files.createTempFile("use-conditions", ".yaml");
            java.nio.file.Files.writeString(policy, demo.replace("http://localhost:8000/v1", baseUrl()));
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public void answerWith(Function<JsonNode, String> answer) {
        this.answer = answer;
    }

    public void failNext(int count) {
        this.failuresToServe = count;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
        maxInFlight.set(0);
    }

    /** All message contents of a recorded request, joined: what the model was shown. */
    public static String everythingSent(JsonNode request) {
        StringBuilder all = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            all.append(message.path("role").asString()).append(": ").append(message.path("content").asString())
                    .append('\n');
        }
        return all.toString();
    }

    public static String message(JsonNode request, String role) {
        for (JsonNode message : request.path("messages")) {
            if (role.equals(message.path("role").asString())) {
                return message.path("content").asString();
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static {
        // Keep the JDK's HTTP server quiet; it would log request lines only.
        java.util.logging.Logger.getLogger("com.sun.net.httpserver").setLevel(java.util.logging.Level.WARNING);
        StandardCharsets.UTF_8.name();
    }
}
