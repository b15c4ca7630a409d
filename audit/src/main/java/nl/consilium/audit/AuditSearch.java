package nl.consilium.audit;

import java.sql.SQLException;
import java.util.function.Consumer;

import javax.sql.DataSource;

import nl.consilium.audit.query.EventQueries;

/**
 * Searching the log for compliance officers. The caller (the compliance console) records the search
 * itself as an {@link AuditEventType#AUDIT_LOG_QUERY} event: NEN 7513 logging covers the log's use.
 */
public final class AuditSearch {
    private AuditSearch() {
    }

    public static AuditPage search(DataSource reader, String schema, AuditQuery query) throws SQLException {
        return EventQueries.page(reader, AuditSchema.checkName(schema), query);
    }

    public static AuditPage search(DataSource reader, AuditQuery query) throws SQLException {
        return search(reader, AuditSchema.DEFAULT_SCHEMA, query);
    }

    /** Every matching event, oldest first, without paging (for exports); the limit is ignored. */
    public static long forEach(DataSource reader, String schema, AuditQuery query, Consumer<AuditRecord> sink) throws SQLException {
        return EventQueries.stream(reader, AuditSchema.checkName(schema), query, sink);
    }
}
