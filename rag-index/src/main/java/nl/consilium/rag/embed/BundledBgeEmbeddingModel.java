package nl.consilium.rag.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bge-small-en-v1.5 (int8) from the LangChain4j ONNX jar as a Spring AI embedding model.
 * <p>
 * The jar's own class gives every ONNX session all cores and then runs several texts at once on
 * them, which oversubscribes a 2-core machine; here the session is single-threaded and parallelism
 * comes only from a fixed pool, so {@code threads} is the real CPU budget. A semaphore bounds callers
 * too: queries run on the caller's thread but never more than {@code threads} at a time.
 */
public final class BundledBgeEmbeddingModel extends AbstractKnowledgeEmbeddingModel {

    public static final String MODEL_ID = "bge-small-en-v1.5-q";
    /** bge's instruction for the query side of asymmetric retrieval; passages get none. */
    public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    private static final int DIMENSIONS = 384;

    private final ExecutorService pool;
    private final Semaphore permits;
    private final Encoder encoder;
    private final int threads;

    public BundledBgeEmbeddingModel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bge-embed-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Fair, so that a query waits for at most one ingestion slice, not for a whole bulk batch.
        this.permits = new Semaphore(threads, true);
        this.encoder = new Encoder(pool);
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embedQuery(String query) {
        return withPermits(1, () -> encoder.embed(QUERY_INSTRUCTION + query).content().vector());
    }

    @Override
    protected List<float[]> embedPassages(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text.isBlank() ? " " : text));
        }
        if (segments.size() == 1) {
            return withPermits(1, () -> List.of(encoder.embed(segments.getFirst()).content().vector()));
        }
        // Batches fan out over the pool in slices; between slices, waiting queries get their turn.
        List<float[]> out = new ArrayList<>(texts.size());
        int slice = threads * 8;
        for (int from = 0; from < segments.size(); from += slice) {
            List<TextSegment> part = segments.subList(from, Math.min(segments.size(), from + slice));
            withPermits(threads, () -> {
                encoder.embedAll(part).content().forEach(e -> out.add(e.vector()));
                return null;
            });
        }
        return out;
    }

    private <T> T withPermits(int count, java.util.function.Supplier<T> work) {
        permits.acquireUninterruptibly(count);
        try {
            return work.get();
        } finally {
            permits.release(count);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    private static final class Encoder extends AbstractInProcessEmbeddingModel {

        private static final OnnxBertBiEncoder MODEL = load();

        Encoder(ExecutorService pool) {
            super(pool);
        }

        private static OnnxBertBiEncoder load() {
            // DJL's tokenizer otherwise reports usage to a cloud metadata address; a hospital network must not see that.
            if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
                System.setProperty("OPT_OUT_TRACKING", "true");
            }
            try (InputStream model = resource("/bge-small-en-v1.5-q.onnx");
                 InputStream tokenizer = resource("/bge-small-en-v1.5-q-tokenizer.json")) {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = env.createSession(model.readAllBytes(), options);
                // bge uses the [CLS] vector (the LangChain4j class does the same).
                return new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled bge-small model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot start ONNX runtime for the bundled bge-small model", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getResourceAsStream(name);
            if (in == null) {
                throw new IllegalStateException("bundled model resource missing from the classpath: " + name);
            }
            return in;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return MODEL;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
