package nl.consilium.policy;

import java.util.Objects;

/**
 * A detected piece of personal data: character offsets into the inspected text, end exclusive.
 * Deliberately holds no copy of the text, so a span can be logged or audited without leaking it.
 */
public record PhiSpan(int start, int end, DataCategory category) {
    public PhiSpan {
        Objects.requireNonNull(category, "category");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end, got " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(PhiSpan other) {
        return start < other.end && other.start < end;
    }
}
