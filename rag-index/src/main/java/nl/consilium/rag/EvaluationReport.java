package nl.consilium.rag;

import java.util.LinkedHashMap;
import java.util.Map;

/** Result of {@link RetrievalEvaluation}; {@link #toMap()} gives the eval-retrieval JSON fields. */
public record EvaluationReport(
        String dataset, String engine, SearchMode mode, String embeddingModel,
        double ndcgAt10, double recallAt100, int queries, long documents, long chunks,
        double indexSeconds, double queryMsP50, double queryMsP95, int rejectedDocuments) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("engine", engine);
        m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        m.put("embedding_model", embeddingModel);
        m.put("ndcg@10", round(ndcgAt10, 4));
        m.put("recall@100", round(recallAt100, 4));
        m.put("queries", queries);
        m.put("documents", documents);
        m.put("chunks", chunks);
        m.put("rejected_documents", rejectedDocuments);
        m.put("index_seconds", round(indexSeconds, 2));
        m.put("query_ms_p50", round(queryMsP50, 2));
        m.put("query_ms_p95", round(queryMsP95, 2));
        return m;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
