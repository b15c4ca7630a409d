package nl.consilium.rag;

import java.util.Objects;
import java.util.Set;

/**
 * A search over approved documents only.
 *
 * @param allowedSources the application's allowed knowledge sources from the policy; null means no
 *                       restriction (administration, evaluation), an empty set finds nothing
 * @param languages      restrict to these document languages; null means all
 */
public record SearchRequest(String query, int topK, SearchMode mode, Set<String> allowedSources, Set<Language> languages) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK must be between 1 and 1000");
        }
        allowedSources = allowedSources == null ? null : Set.copyOf(allowedSources);
        languages = languages == null ? null : Set.copyOf(languages);
    }

    public static SearchRequest hybrid(String query, int topK, Set<String> allowedSources) {
        return new SearchRequest(query, topK, SearchMode.HYBRID, allowedSources, null);
    }
}
