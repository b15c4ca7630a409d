package nl.consilium.rag.store;

/** A candidate from one side of the search, best first. */
public record ChunkHit(long chunkId, double score) {
}
