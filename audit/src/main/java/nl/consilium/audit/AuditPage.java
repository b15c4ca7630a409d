package nl.consilium.audit;

import java.util.List;

/**
 * One page of results, newest first.
 *
 * @param nextBeforeSeq cursor for the next page, null when this is the last page
 */
public record AuditPage(List<AuditRecord> records, Long nextBeforeSeq) {
    public AuditPage {
        records = List.copyOf(records);
    }

    public boolean hasMore() {
        return nextBeforeSeq != null;
    }
}
