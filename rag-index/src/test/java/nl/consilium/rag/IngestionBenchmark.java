package nl.consilium.rag;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import nl.consilium.rag.eval.BeirDataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end ingestion with the bundled model: Markdown generated on the fly (streamed, never held
 * as a corpus) → parse → chunk → embed → PostgreSQL. Prints chunks/s and heap after GC at each
 * tenth of the run, to show memory stays flat.
 * <pre>mvn -B -o -pl rag-index test -Pbenchmark -Dtest=IngestionBenchmark -Dbench.chunks=5000</pre>
 * With {@code -Dbench.embedder=endpoint} the vectors come from an OpenAI-compatible endpoint in this
 * process that answers at once (deterministic pseudo-random unit vectors): the same pipeline without
 * the model's cost, which shows what the rest of ingestion costs and that memory stays flat over
 * 100,000 chunks in minutes instead of the half hour the bundled model needs for that many.
 */
@Tag("benchmark")
class IngestionBenchmark {

    @Test
    void chunksPerSecondAndFlatMemory() throws Exception {
        int target = Integer.getInteger("bench.chunks", 3000);
        int wordsPerSection = Integer.getInteger("bench.words", 50);
        DataSource ds = TestDatabase.dataSource();
        String schema = TestDatabase.freshSchema("bench_ingest");
        KnowledgeSchema.migrate(ds, schema, 384);
        List<String> words = new ArrayList<>();
        try (BeirDataset.CorpusReader corpus = new BeirDataset(Path.of("src/test/resources/beir/consilium-demo")).corpus()) {
            corpus.forEachRemaining(d -> words.addAll(Arrays.asList(d.text().split("\\s+"))));
        }
        Random random = new Random(7);
        int sectionsPerDoc = 10;
        int docs = target / sectionsPerDoc;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<String> heapSamples = new ArrayList<>();
        Iterator<DocumentUpload> generator = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < docs;
            }

            @Override
            public DocumentUpload next() {
                if (next % Math.max(1, docs / 10) == 0) {
                    System.gc();
                    heapSamples.add((memory.getHeapMemoryUsage().getUsed() >> 20) + " MB@" + next * sectionsPerDoc);
                }
                StringBuilder md = new StringBuilder("# Protocol ").append(next).append("\n\n");
                for (int s = 0; s < sectionsPerDoc; s++) {
                    md.append("## Sectie ").append(s).append("\n\n");
                    int start = random.nextInt(words.size() - wordsPerSection);
                    md.append(String.join(" ", words.subList(start, start + wordsPerSection))).append("\n\n");
                }
                next++;
                return new DocumentUpload(new DocumentMetadata("bench", "doc" + next, null, "bench", "1", Language.NL, null, null, null),
                        DocumentFormat.MARKDOWN, md.toString().getBytes(StandardCharsets.UTF_8), ApprovalState.APPROVED);
            }
        };
        boolean endpoint = "endpoint".equals(System.getProperty("bench.embedder"));
        HttpServer server = endpoint ? instantEmbeddings() : null;
        KnowledgeEmbeddingModel model = endpoint
                ? EmbeddingModels.openAiCompatible(OpenAiCompatibleEmbeddingSettings.of(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "instant-bench", 384))
                : SharedModel.bundled();
        try (KnowledgeBase kb = KnowledgeBase.postgres(ds, model, KnowledgeAuditListener.NONE,
                KnowledgeBaseSettings.defaults().withSchema(schema))) {
            BulkIngestReport report = kb.ingestAll(generator, "bench");
            System.out.printf("BENCH ingestion embedder=%s chunks=%d docs=%d words/section=%d seconds=%.1f chunks/s=%.1f heap=%s maxHeap=%d MB load=%s%n",
                    model.modelId(), report.chunks(), report.added(), wordsPerSection, report.seconds(), report.chunks() / report.seconds(),
                    heapSamples, Runtime.getRuntime().maxMemory() >> 20, Files.readString(Path.of("/proc/loadavg")).strip());
            org.assertj.core.api.Assertions.assertThat(report.chunks()).isGreaterThanOrEqualTo(target - sectionsPerDoc);
        } finally {
            KnowledgeSchema.drop(ds, schema);
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** /v1/embeddings answering with a unit vector seeded by each input's hash. */
    private static HttpServer instantEmbeddings() throws java.io.IOException {
        JsonMapper json = JsonMapper.builder().build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            StringBuilder data = new StringBuilder();
            int i = 0;
            for (JsonNode input : body.path("input")) {
                Random r = new Random(input.asString().hashCode());
                double[] v = new double[384];
                double norm = 0;
                for (int k = 0; k < v.length; k++) {
                    v[k] = r.nextGaussian();
                    norm += v[k] * v[k];
                }
                data.append(i == 0 ? "" : ",").append("{\"index\":").append(i++).append(",\"embedding\":[");
                for (int k = 0; k < v.length; k++) {
                    data.append(k == 0 ? "" : ",").append((float) (v[k] / Math.sqrt(norm)));
                }
                data.append("]}");
            }
            byte[] out = ("{\"object\":\"list\",\"data\":[" + data + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }
}
