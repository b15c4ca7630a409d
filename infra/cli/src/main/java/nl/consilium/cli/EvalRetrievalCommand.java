package nl.consilium.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.consilium.rag.EmbeddingModels;
import nl.consilium.rag.EvaluationReport;
import nl.consilium.rag.KnowledgeBaseSettings;
import nl.consilium.rag.KnowledgeEmbeddingModel;
import nl.consilium.rag.KnowledgeStoreException;
import nl.consilium.rag.OpenSearchConnection;
import nl.consilium.rag.RetrievalEvaluation;
import nl.consilium.rag.SearchMode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code consilium eval-retrieval --beir DIR [--engine postgres|opensearch] [--mode lexical|dense|hybrid] [--out FILE]}:
 * indexes a BEIR-format corpus into a fresh schema (dropped afterwards), runs the judged test
 * queries and prints one JSON object with ndcg@10, recall@100, queries, documents, index_seconds,
 * query_ms_p50 and query_ms_p95. Exit 0 done; 64 usage; 66 not a BEIR directory; 69 database or
 * cluster unavailable.
 *
 * <p>Environment: {@code CONSILIUM_DB_URL} (default jdbc:postgresql://127.0.0.1:5432/consilium),
 * {@code CONSILIUM_DB_USER} (default postgres), {@code CONSILIUM_DB_PASSWORD}, and
 * {@code CONSILIUM_EMBEDDING_THREADS} (default: available processors). For {@code --engine opensearch}:
 * {@code CONSILIUM_OPENSEARCH_URL} (comma-separated node URLs; when unset, a temporary in-process node
 * is started for the run), {@code CONSILIUM_OPENSEARCH_USER}, {@code CONSILIUM_OPENSEARCH_PASSWORD} and
 * {@code CONSILIUM_OPENSEARCH_INDEX_PREFIX} (default consilium-knowledge; the evaluation uses fresh
 * indexes PREFIX-eval-RANDOM-* and deletes them).
 */
final class EvalRetrievalCommand implements Command {
    static final int EX_NOINPUT = 66;
    static final int EX_UNAVAILABLE = 69;

    private final Map<String, String> env;

    EvalRetrievalCommand() {
        this(System.getenv());
    }

    EvalRetrievalCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
        Path beir = null;
        Path outFile = null;
        String engine = "postgres";
        SearchMode mode = SearchMode.HYBRID;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                usage(out);
                return 0;
            }
            if (i + 1 >= args.size() || !List.of("--beir", "--engine", "--mode", "--out").contains(arg)) {
                err.println("consilium eval-retrieval: unexpected argument " + arg);
                usage(err);
                return Main.EX_USAGE;
            }
            String value = args.get(++i);
            switch (arg) {
                case "--beir" -> beir = Path.of(value);
                case "--out" -> outFile = Path.of(value);
                case "--engine" -> engine = value.toLowerCase(Locale.ROOT);
                default -> {
                    try {
                        mode = SearchMode.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        err.println("consilium eval-retrieval: --mode must be lexical, dense or hybrid, not " + value);
                        return Main.EX_USAGE;
                    }
                }
            }
        }
        if (beir == null) {
            err.println("consilium eval-retrieval: --beir DIR is required");
            usage(err);
            return Main.EX_USAGE;
        }
        for (String required : List.of("corpus.jsonl", "queries.jsonl", "qrels/test.tsv")) {
            if (!Files.isRegularFile(beir.resolve(required))) {
                err.println("consilium eval-retrieval: " + beir + " is not a BEIR directory (" + required + " missing)");
                return EX_NOINPUT;
            }
        }
        switch (engine) {
            case "postgres" -> {
            }
            case "opensearch" -> {
                return runOpenSearch(beir, mode, outFile, out, err);
            }
            default -> {
                err.println("consilium eval-retrieval: --engine must be postgres or opensearch, not " + engine);
                return Main.EX_USAGE;
            }
        }

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.getOrDefault("CONSILIUM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/consilium"));
        config.setUsername(env.getOrDefault("CONSILIUM_DB_USER", "postgres"));
        String password = env.get("CONSILIUM_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(4);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        config.setPoolName("consilium-eval-retrieval");
        int threads = embeddingThreads();
        EvaluationReport report;
        try (HikariDataSource ds = new HikariDataSource(config);
             KnowledgeEmbeddingModel model = EmbeddingModels.bundled(threads)) {
            try (var c = ds.getConnection()) {
                c.isValid(5);
            } catch (java.sql.SQLException e) {
                err.println("consilium eval-retrieval: database " + config.getJdbcUrl() + " unavailable: " + e.getMessage());
                return EX_UNAVAILABLE;
            }
            report = RetrievalEvaluation.runPostgres(beir, ds, model, mode, KnowledgeBaseSettings.defaults());
        }
        return print(report, outFile, out);
    }

    private int runOpenSearch(Path beir, SearchMode mode, Path outFile, PrintStream out, PrintStream err) throws Exception {
        String urls = env.get("CONSILIUM_OPENSEARCH_URL");
        String prefix = env.getOrDefault("CONSILIUM_OPENSEARCH_INDEX_PREFIX", OpenSearchConnection.DEFAULT_INDEX_PREFIX);
        EmbeddedOpenSearch node = null;
        try {
            if (urls == null || urls.isBlank()) {
                err.println("consilium eval-retrieval: CONSILIUM_OPENSEARCH_URL is not set; starting a temporary in-process OpenSearch node");
                node = EmbeddedOpenSearch.start();
                urls = node.url().toString();
            }
            OpenSearchConnection connection;
            try {
                connection = OpenSearchConnection.of(urls, env.get("CONSILIUM_OPENSEARCH_USER"), env.get("CONSILIUM_OPENSEARCH_PASSWORD"), prefix);
            } catch (IllegalArgumentException e) {
                err.println("consilium eval-retrieval: " + e.getMessage());
                return Main.EX_USAGE;
            }
            EvaluationReport report;
            try (KnowledgeEmbeddingModel model = EmbeddingModels.bundled(embeddingThreads())) {
                report = RetrievalEvaluation.runOpenSearch(beir, connection, model, mode, KnowledgeBaseSettings.defaults());
            } catch (KnowledgeStoreException e) {
                err.println("consilium eval-retrieval: OpenSearch unavailable: " + e.getMessage());
                return EX_UNAVAILABLE;
            }
            return print(report, outFile, out);
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private int embeddingThreads() {
        return Integer.parseInt(env.getOrDefault("CONSILIUM_EMBEDDING_THREADS",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
    }

    private static int print(EvaluationReport report, Path outFile, PrintStream out) throws Exception {
        String json = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report.toMap());
        out.println(json);
        if (outFile != null) {
            Files.writeString(outFile, json + "\n", StandardCharsets.UTF_8);
        }
        return 0;
    }

    private static void usage(PrintStream to) {
        to.println("usage: consilium eval-retrieval --beir DIR [--engine postgres|opensearch] [--mode lexical|dense|hybrid] [--out FILE]");
        to.println("  DIR holds corpus.jsonl, queries.jsonl and qrels/test.tsv (BEIR layout); the corpus is indexed into a fresh");
        to.println("  schema of CONSILIUM_DB_URL (default jdbc:postgresql://127.0.0.1:5432/consilium) that is dropped afterwards;");
        to.println("  with --engine opensearch into fresh indexes on CONSILIUM_OPENSEARCH_URL (unset: a temporary in-process node).");
    }
}
