package nl.consilium.rag;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import nl.consilium.rag.embed.NoVectors;
import nl.consilium.rag.eval.BeirDataset;
import nl.consilium.rag.eval.LanguageGuess;
import nl.consilium.rag.eval.RankingMetrics;

/**
 * Measures retrieval on a BEIR-format directory: indexes the corpus into a fresh schema (PostgreSQL)
 * or fresh indexes (OpenSearch), runs every judged test query, reports nDCG@10 and recall@100 at document level (a document ranks where its
 * best chunk ranks), and drops the schema or indexes again.
 */
public final class RetrievalEvaluation {

    private static final String SOURCE = "beir";

    private RetrievalEvaluation() {
    }

    public static EvaluationReport runPostgres(Path beirDir, DataSource dataSource, KnowledgeEmbeddingModel embeddings,
                                               SearchMode mode, KnowledgeBaseSettings baseSettings) {
        String schema = "knowledge_eval_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        KnowledgeSchema.migrate(dataSource, schema, embeddings.dimensions());
        // Bulk load first, vector index after (counted in index_seconds): several times faster than a live index.
        KnowledgeSchema.dropVectorIndex(dataSource, schema);
        // Lexical ranking reads no vectors: a lexical run skips the model and the vector index altogether.
        boolean lexical = mode == SearchMode.LEXICAL;
        KnowledgeEmbeddingModel model = lexical ? new NoVectors(embeddings.dimensions()) : embeddings;
        try (KnowledgeBase kb = KnowledgeBase.postgres(dataSource, model, KnowledgeAuditListener.NONE, baseSettings.withSchema(schema))) {
            return run(beirDir, kb, "postgres", model, mode,
                    lexical ? () -> { } : () -> KnowledgeSchema.createVectorIndex(dataSource, schema));
        } finally {
            KnowledgeSchema.drop(dataSource, schema);
        }
    }

    /**
     * The same evaluation on OpenSearch, in fresh indexes ({@code PREFIX-eval-RANDOM-*}, where PREFIX
     * is the connection's index prefix) that are deleted afterwards.
     */
    public static EvaluationReport runOpenSearch(Path beirDir, OpenSearchConnection connection, KnowledgeEmbeddingModel embeddings,
                                                 SearchMode mode, KnowledgeBaseSettings baseSettings) {
        OpenSearchConnection fresh = connection.withIndexPrefix(
                connection.indexPrefix() + "-eval-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        RuntimeException failure = null;
        try (KnowledgeBase kb = KnowledgeBase.opensearch(fresh, embeddings, KnowledgeAuditListener.NONE, baseSettings)) {
            return run(beirDir, kb, "opensearch", embeddings, mode, () -> { });
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                KnowledgeBase.dropOpenSearchIndexes(fresh);
            } catch (RuntimeException dropFailed) {
                // Keep the first failure (e.g. cluster unreachable) as the one reported.
                if (failure == null) {
                    throw dropFailed;
                }
                failure.addSuppressed(dropFailed);
            }
        }
    }

    private static EvaluationReport run(Path beirDir, KnowledgeBase kb, String engine, KnowledgeEmbeddingModel embeddings,
                                        SearchMode mode, Runnable afterLoad) {
        BeirDataset dataset = new BeirDataset(beirDir);
        long start = System.nanoTime();
        BulkIngestReport ingest;
        try (BeirDataset.CorpusReader corpus = dataset.corpus()) {
            ingest = kb.ingestAll(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return corpus.hasNext();
                }

                @Override
                public DocumentUpload next() {
                    BeirDataset.CorpusDocument d = corpus.next();
                    String text = d.text().isBlank() ? d.title() : d.text();
                    DocumentMetadata meta = new DocumentMetadata(SOURCE, d.id(), d.title().isBlank() ? null : d.title(),
                            "beir", "1", LanguageGuess.guess(d.title() + " " + text), null, null, null);
                    return new DocumentUpload(meta, DocumentFormat.TEXT, text.getBytes(StandardCharsets.UTF_8), ApprovalState.APPROVED);
                }
            }, "eval-retrieval");
        }
        afterLoad.run();
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        // Passages are ranked, documents are judged: ask for enough passages that about 100 distinct
        // documents remain after a document's other passages are folded into its best one.
        long documents = Math.max(1, ingest.added() + ingest.replaced() + ingest.unchanged());
        int passagesWanted = (int) Math.min(1000, Math.max(200, Math.ceil(100 * 1.2 * ingest.chunks() / (double) documents)));

        Map<String, String> queries = dataset.queries();
        Map<String, Map<String, Integer>> qrels = dataset.qrels();
        List<Double> ndcg = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        for (var judged : qrels.entrySet()) {
            String text = queries.get(judged.getKey());
            if (text == null) {
                continue;
            }
            long t = System.nanoTime();
            // More chunks than documents: a document with several matching chunks takes one slot.
            List<RetrievedPassage> passages = kb.search(new SearchRequest(text, passagesWanted, mode, null, null));
            millis.add((System.nanoTime() - t) / 1e6);
            Set<String> ranked = new LinkedHashSet<>();
            for (RetrievedPassage p : passages) {
                // BEIR ignores a document with the query's own id (ArguAna, Quora).
                if (!p.externalKey().equals(judged.getKey())) {
                    ranked.add(p.externalKey());
                }
            }
            List<String> docs = new ArrayList<>(ranked);
            ndcg.add(RankingMetrics.ndcgAtK(docs, judged.getValue(), 10));
            recall.add(RankingMetrics.recallAtK(docs, judged.getValue(), 100));
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new EvaluationReport(beirDir.getFileName().toString(), engine, mode, embeddings.modelId(),
                mean(ndcg), mean(recall), ndcg.size(), ingest.added() + ingest.replaced() + ingest.unchanged(),
                ingest.chunks(), indexSeconds, RankingMetrics.percentile(sorted, 50), RankingMetrics.percentile(sorted, 95),
                ingest.rejected().size());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
