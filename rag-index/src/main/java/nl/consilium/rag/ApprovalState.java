package nl.consilium.rag;

/** Curation life cycle: only {@link #APPROVED} documents are ever retrieved. */
public enum ApprovalState {
    DRAFT,
    APPROVED,
    RETIRED
}
