package nl.consilium.rag;

import java.util.List;

/**
 * Result of a streamed bulk ingestion: refused files are listed with their reason, the rest went in.
 */
public record BulkIngestReport(int added, int replaced, int unchanged, long chunks, List<Rejection> rejected, double seconds) {

    public BulkIngestReport {
        rejected = List.copyOf(rejected);
    }

    public record Rejection(String sourceId, String externalKey, IngestionException.Reason reason, String message) {
    }
}
