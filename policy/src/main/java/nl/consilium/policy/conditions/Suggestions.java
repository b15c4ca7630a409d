package nl.consilium.policy.conditions;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean" help for misspelt keys and ids, the most common mistake in a hand-written file. */
final class Suggestions {

    private Suggestions() {
    }

    static String closest(String given, Collection<String> candidates) {
        String lower = given.toLowerCase();
        return candidates.stream()
                .filter(c -> distance(c.toLowerCase(), lower) <= Math.max(1, given.length() / 3))
                .min(Comparator.comparingInt(c -> distance(c.toLowerCase(), lower)))
                .orElse(null);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
