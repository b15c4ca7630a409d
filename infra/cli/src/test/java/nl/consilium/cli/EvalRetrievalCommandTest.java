package nl.consilium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs the real command on a small BEIR directory written here, against a real PostgreSQL database. */
class EvalRetrievalCommandTest {

    private static final String DB = "consilium_test_rag";
    private static String url;

    @BeforeAll
    static void database() throws Exception {
        String base = System.getenv().getOrDefault("CONSILIUM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        url = base.replaceAll("/[^/?]*(\\?.*)?$", "/" + DB);
        try (Connection c = DriverManager.getConnection(base.replaceAll("/[^/?]*(\\?.*)?$", "/postgres"), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DB + "'")) {
            if (!rs.next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + DB);
                } catch (java.sql.SQLException raced) {
                    // created by a parallel run
                }
            }
        }
    }

    private static Path beir(Path dir) throws Exception {
        Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\":\"d1\",\"title\":\"Amoxicillin\",\"text\":\"Oral amoxicillin 750 mg three times daily treats mild pneumonia.\"}",
                "{\"_id\":\"d2\",\"title\":\"Hypoglycaemia\",\"text\":\"Give twenty grams of glucose to a conscious patient with low blood sugar.\"}",
                "{\"_id\":\"d3\",\"title\":\"Hand hygiene\",\"text\":\"Use alcohol hand rub before and after every patient contact.\"}",
                "{\"_id\":\"d4\",\"title\":\"Cafeteria\",\"text\":\"Lunch is served between noon and two.\"}") + "\n");
        Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
                "{\"_id\":\"q1\",\"text\":\"antibiotic for pneumonia\"}",
                "{\"_id\":\"q2\",\"text\":\"treatment of low blood glucose\"}",
                "{\"_id\":\"q3\",\"text\":\"disinfecting hands\"}") + "\n");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n");
        return dir;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new EvalRetrievalCommand(env).run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsOneJsonObjectWithTheContractFieldsAndWritesOut(@TempDir Path tmp) throws Exception {
        Path dir = beir(Files.createDirectories(tmp.resolve("set")));
        Path outFile = tmp.resolve("result.json");
        Result r = run(Map.of("CONSILIUM_DB_URL", url, "CONSILIUM_EMBEDDING_THREADS", "2"),
                "--beir", dir.toString(), "--mode", "hybrid", "--out", outFile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        for (String field : List.of("ndcg@10", "recall@100", "queries", "documents", "index_seconds", "query_ms_p50", "query_ms_p95")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("queries").asInt()).isEqualTo(3);
        assertThat(json.get("documents").asInt()).isEqualTo(4);
        assertThat(json.get("recall@100").asDouble()).isEqualTo(1.0);
        assertThat(json.get("ndcg@10").asDouble()).isGreaterThan(0.8);
        assertThat(json.get("mode").asString()).isEqualTo("hybrid");
        assertThat(Files.readString(outFile).strip()).isEqualTo(r.out().strip());
    }

    @Test
    void refusesBadArgumentsMissingFilesAndUnreachableServers(@TempDir Path tmp) throws Exception {
        assertThat(run(Map.of()).exit()).isEqualTo(Main.EX_USAGE);
        assertThat(run(Map.of(), "--beir", tmp.toString(), "--mode", "fuzzy").exit()).isEqualTo(Main.EX_USAGE);
        Result notBeir = run(Map.of(), "--beir", tmp.toString());
        assertThat(notBeir.exit()).isEqualTo(EvalRetrievalCommand.EX_NOINPUT);
        assertThat(notBeir.err()).contains("corpus.jsonl");
        Path dir = beir(Files.createDirectories(tmp.resolve("set")));
        Result os = run(Map.of("CONSILIUM_OPENSEARCH_URL", "http://127.0.0.1:1", "CONSILIUM_EMBEDDING_THREADS", "1"),
                "--beir", dir.toString(), "--engine", "opensearch");
        assertThat(os.exit()).isEqualTo(EvalRetrievalCommand.EX_UNAVAILABLE);
        assertThat(os.err()).contains("OpenSearch unavailable", "127.0.0.1:1");
        assertThat(os.out()).isEmpty();
        assertThat(run(Map.of("CONSILIUM_OPENSEARCH_URL", "ftp://x"), "--beir", dir.toString(), "--engine", "opensearch").exit())
                .isEqualTo(Main.EX_USAGE);
        assertThat(run(Map.of(), "--beir", dir.toString(), "--engine", "elastic").exit()).isEqualTo(Main.EX_USAGE);
        Result noDb = run(Map.of("CONSILIUM_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"), "--beir", dir.toString());
        assertThat(noDb.exit()).isEqualTo(EvalRetrievalCommand.EX_UNAVAILABLE);
        assertThat(noDb.err()).contains("unavailable");
    }

    /**
     * The tiny English BEIR fixture of rag-index on OpenSearch. CONSILIUM_OPENSEARCH_URL is not set, so
     * the command starts (and afterwards stops) its own in-process node with the k-NN plugin.
     */
    @Test
    void evaluatesOnOpenSearchWithATemporaryNodeWhenNoClusterIsConfigured(@TempDir Path tmp) throws Exception {
        Path tiny = Path.of("../../rag-index/src/test/resources/beir/tiny");
        Path outFile = tmp.resolve("opensearch.json");
        Result r = run(Map.of("CONSILIUM_EMBEDDING_THREADS", "2", "CONSILIUM_OPENSEARCH_INDEX_PREFIX", "cli-test"),
                "--beir", tiny.toString(), "--engine", "opensearch", "--mode", "hybrid", "--out", outFile.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("temporary in-process OpenSearch node");
        // Standard output carries exactly the JSON line, nothing the node printed while starting.
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(r.out());
        for (String field : List.of("ndcg@10", "recall@100", "queries", "documents", "index_seconds", "query_ms_p50", "query_ms_p95")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("engine").asString()).isEqualTo("opensearch");
        assertThat(json.get("mode").asString()).isEqualTo("hybrid");
        assertThat(json.get("dataset").asString()).isEqualTo("tiny");
        assertThat(json.get("queries").asInt()).isEqualTo(7);
        assertThat(json.get("documents").asInt()).isEqualTo(8);
        assertThat(json.get("ndcg@10").asDouble()).isGreaterThan(0.8);
        assertThat(json.get("recall@100").asDouble()).isEqualTo(1.0);
        assertThat(json.get("query_ms_p95").asDouble()).isGreaterThanOrEqualTo(json.get("query_ms_p50").asDouble()).isPositive();
        assertThat(Files.readString(outFile).strip()).isEqualTo(r.out().strip());
    }
}
