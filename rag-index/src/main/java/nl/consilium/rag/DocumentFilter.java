package nl.consilium.rag;

/** Management list filter; null fields do not filter. */
public record DocumentFilter(String sourceId, ApprovalState state) {

    public static DocumentFilter all() {
        return new DocumentFilter(null, null);
    }
}
