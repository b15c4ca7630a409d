package nl.consilium.app.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import nl.consilium.app.support.FakeLanguageModel;
import nl.consilium.app.support.Http;
import nl.consilium.app.support.TestDatabase;
import nl.consilium.ehr.SandboxEpd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 7's targets, printed for docs/performance.md:
 * Consilium's own overhead per turn with retrieval and patient context against a model that answers at once,
 * and 50 concurrent conversations against a model with 2 s latency.
 * Run: {@code mvn -Pbenchmark -pl chatbot-api test -Dtest=ChatTurnBenchmark}
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "consilium.knowledge.load-directory=../infra/demo/knowledge",
        "consilium.chat.endpoints.internal-llm.enabled=true",
        "consilium.chat.max-concurrent-generations=64",
        "logging.level.root=WARN"})
@ActiveProfiles("demo")
class ChatTurnBenchmark {

    static final FakeLanguageModel MODEL = new FakeLanguageModel();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url("consilium_bench_chat"));
        registry.add("consilium.policy.file", () -> MODEL.demoUseConditions().toString());
    }

    @AfterAll
    static void stop() {
        MODEL.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void overheadPerTurnAndConcurrentConversations() throws Exception {
        Http user = new Http(port, "specialist");
        for (String app : List.of("richtlijnen", "patientsamenvatting")) {
            user.put("/api/v1/applications/" + app + "/terms/acceptance", "{\"termsVersion\":\"1\"}");
        }
        user.put("/api/v1/applications/patientsamenvatting/training/attestation",
                "{\"trainingId\":\"e-learning-ai-basis\"}");
        MODEL.answerWith(request -> "Samenvatting volgens de bronnen [1].");

        // 1. Overhead: model answers instantly; everything measured is Consilium's own work.
        MODEL.latency(0);
        String withPatient = start(user, "patientsamenvatting", SandboxEpd.PATIENT_PIETER_DE_JONG);
        String guideline = start(user, "richtlijnen", null);
        for (int i = 0; i < 20; i++) {
            turn(user, withPatient, "Vat het dossier samen voor de overdracht.");
        }
        List<Long> patientTurns = new ArrayList<>();
        List<Long> guidelineTurns = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            patientTurns.add(turn(user, withPatient, "Vat de medicatie en recente uitslagen samen."));
            guidelineTurns.add(turn(user, guideline, "Wat is de behandeling van hyperkaliëmie met ECG-afwijkingen?"));
        }
        // Baseline in the same process: a signed-in request that does nothing. With the demo's HTTP Basic sign-in it
        // includes a bcrypt password check on every request, which a SAML session does not have.
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long begin = System.nanoTime();
            assertThat(user.get("/api/v1/me").statusCode()).isEqualTo(200);
            baseline.add((System.nanoTime() - begin) / 1_000_000);
        }
        System.out.printf("BENCHMARK baseline, signed-in no-op request (GET /api/v1/me): p50 %d ms, p95 %d ms (n=%d)%n",
                pct(baseline, 50), pct(baseline, 95), baseline.size());
        System.out.printf("BENCHMARK turn overhead, patient context + retrieval: p50 %d ms, p95 %d ms, max %d ms (n=%d)%n",
                pct(patientTurns, 50), pct(patientTurns, 95), pct(patientTurns, 100), patientTurns.size());
        System.out.printf("BENCHMARK turn overhead, retrieval only:               p50 %d ms, p95 %d ms, max %d ms (n=%d)%n",
                pct(guidelineTurns, 50), pct(guidelineTurns, 95), pct(guidelineTurns, 100), guidelineTurns.size());

        // 2. 50 concurrent conversations, each 3 turns, against a model with 2 s latency.
        MODEL.latency(2000);
        MODEL.clear();
        int conversations = 50;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            ids.add(start(user, "richtlijnen", null));
        }
        System.gc();
        long heapBefore = usedHeap();
        AtomicInteger errors = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    for (int t = 0; t < 3; t++) {
                        long begin = System.nanoTime();
                        HttpResponse<String> response = user.post("/api/v1/conversations/" + id + "/messages",
                                "{\"text\":\"Wat is de eerste keus antibioticum bij CAP?\"}");
                        latencies.add((System.nanoTime() - begin) / 1_000_000);
                        if (response.statusCode() != 200 || !response.body().contains("event:done")) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        long wall = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        long heapAfter = usedHeap();
        System.out.printf("BENCHMARK 50 concurrent conversations x 3 turns, model latency 2 s: %d turns in %d ms, "
                        + "errors %d, turn p50 %d ms, p95 %d ms, model requests in flight at most %d, "
                        + "heap after GC %d MB -> %d MB%n",
                latencies.size(), wall, errors.get(), pct(latencies, 50), pct(latencies, 95), MODEL.maxInFlight(),
                heapBefore / (1 << 20), heapAfter / (1 << 20));
        assertThat(errors.get()).isZero();
    }

    private String start(Http user, String application, String patient) {
        String body = patient == null ? "{\"applicationId\":\"" + application + "\"}"
                : "{\"applicationId\":\"" + application + "\",\"patientId\":\"" + patient + "\"}";
        return json.readTree(user.post("/api/v1/conversations", body).body()).path("id").asString();
    }

    private static long turn(Http user, String id, String question) {
        long begin = System.nanoTime();
        HttpResponse<String> response = user.post("/api/v1/conversations/" + id + "/messages",
                "{\"text\":\"" + question + "\"}");
        long millis = (System.nanoTime() - begin) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return millis;
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
