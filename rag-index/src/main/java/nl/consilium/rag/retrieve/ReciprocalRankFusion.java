package nl.consilium.rag.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.consilium.rag.store.ChunkHit;

/**
 * Reciprocal rank fusion (Cormack et al. 2009): score = sum over lists of 1 / (k + rank). Uses
 * ranks only, so the incomparable scales of ts_rank and cosine similarity never meet.
 */
public final class ReciprocalRankFusion {

    /** The constant from the original paper; not tuned to any evaluation set. */
    public static final int K = 60;

    private ReciprocalRankFusion() {
    }

    @SafeVarargs
    public static List<ChunkHit> fuse(int limit, List<ChunkHit>... rankings) {
        Map<Long, Double> scores = new LinkedHashMap<>();
        for (List<ChunkHit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                scores.merge(ranking.get(rank).chunkId(), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<ChunkHit> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new ChunkHit(id, score)));
        fused.sort(Comparator.comparingDouble(ChunkHit::score).reversed().thenComparingLong(ChunkHit::chunkId));
        return fused.size() > limit ? fused.subList(0, limit) : fused;
    }
}
