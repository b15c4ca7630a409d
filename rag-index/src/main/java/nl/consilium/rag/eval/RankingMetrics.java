package nl.consilium.rag.eval;

import java.util.List;
import java.util.Map;

/** The BEIR metrics, computed as pytrec_eval does (linear gain, log2 discount). */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static double ndcgAtK(List<String> ranked, Map<String, Integer> relevance, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int rel = relevance.getOrDefault(ranked.get(i), 0);
            if (rel > 0) {
                dcg += rel / log2(i + 2);
            }
        }
        List<Integer> ideal = relevance.values().stream().filter(r -> r > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recallAtK(List<String> ranked, Map<String, Integer> relevance, int k) {
        long relevant = relevance.values().stream().filter(r -> r > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(id -> relevance.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    public static double percentile(double[] sortedValues, double p) {
        if (sortedValues.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedValues.length) - 1;
        return sortedValues[Math.max(0, Math.min(sortedValues.length - 1, index))];
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
