package nl.consilium.rag;

/** Which retrieval the search uses; {@link #HYBRID} (reciprocal rank fusion of both) is the default. */
public enum SearchMode {
    LEXICAL,
    DENSE,
    HYBRID
}
