package nl.consilium.policy.phi;

import java.util.HashMap;
import java.util.Map;

/** Multi-token phrases (hospital names, multi-word places, eponyms) matched on token keys in one walk. */
final class PhraseTrie {
    private final Node root = new Node();

    private static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        boolean terminal;
    }

    void add(String phrase) {
        Tokens t = Tokens.of(phrase);
        if (t.size == 0) {
            return;
        }
        Node node = root;
        for (int i = 0; i < t.size; i++) {
            node = node.next.computeIfAbsent(t.key[i], k -> new Node());
        }
        node.terminal = true;
    }

    /** Exclusive end token of the longest phrase starting at token i, or -1. */
    int longestMatch(Tokens t, int i) {
        Node node = root;
        int best = -1;
        for (int j = i; j < t.size; j++) {
            if (j > i && t.lineBefore[j]) {
                break;
            }
            node = node.next.get(t.key[j]);
            if (node == null) {
                break;
            }
            if (node.terminal) {
                best = j + 1;
            }
        }
        return best;
    }

    boolean startsAny(String key) {
        return root.next.containsKey(key);
    }
}
