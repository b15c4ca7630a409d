package nl.consilium.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import nl.consilium.rag.eval.RankingMetrics;
import org.junit.jupiter.api.Test;

/** {@link RetrievalEvaluationContract} on PostgreSQL, plus the metrics themselves. */
class RetrievalEvaluationTest extends RetrievalEvaluationContract {

    @Override
    protected EvaluationReport run(Path dir, SearchMode mode) throws Exception {
        return RetrievalEvaluation.runPostgres(dir, TestDatabase.dataSource(), SharedModel.bundled(), mode, KnowledgeBaseSettings.defaults());
    }

    @Override
    protected int leftOvers() throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_namespace where nspname like 'knowledge_eval_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    protected String engine() {
        return "postgres";
    }

    @Test
    void aLexicalEvaluationSaysItUsedNoEmbeddingModel() throws Exception {
        EvaluationReport lexical = run(Path.of("src/test/resources/beir/tiny"), SearchMode.LEXICAL);
        assertThat(lexical.embeddingModel()).isEqualTo(nl.consilium.rag.embed.NoVectors.MODEL_ID);
        assertThat(lexical.toMap().get("embedding_model")).isEqualTo(nl.consilium.rag.embed.NoVectors.MODEL_ID);
        assertThat(run(Path.of("src/test/resources/beir/tiny"), SearchMode.DENSE).embeddingModel()).isEqualTo("bge-small-en-v1.5-q");
    }

    @Test
    void metricsFollowTrecEval() {
        Map<String, Integer> rel = Map.of("a", 2, "b", 1, "z", 0);
        assertThat(RankingMetrics.ndcgAtK(List.of("a", "b", "c"), rel, 10)).isCloseTo(1.0, within(1e-9));
        // b first, a second: dcg = 1/log2(2) + 2/log2(3); idcg = 2 + 1/log2(3)
        double expected = (1 + 2 / log2(3)) / (2 + 1 / log2(3));
        assertThat(RankingMetrics.ndcgAtK(List.of("b", "a"), rel, 10)).isCloseTo(expected, within(1e-9));
        assertThat(RankingMetrics.ndcgAtK(List.of("c", "z"), rel, 10)).isZero();
        assertThat(RankingMetrics.recallAtK(List.of("x", "a"), rel, 100)).isCloseTo(0.5, within(1e-9));
        assertThat(RankingMetrics.recallAtK(List.of("x", "a"), rel, 1)).isZero();
        assertThat(RankingMetrics.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95)).isEqualTo(10);
        assertThat(RankingMetrics.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50)).isEqualTo(5);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
