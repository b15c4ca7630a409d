package nl.consilium.audit;

import java.io.Writer;
import java.sql.SQLException;

import javax.sql.DataSource;

import nl.consilium.audit.export.CsvExport;
import nl.consilium.audit.export.FhirAuditEventWriter;

/**
 * Exports for an investigation: every event matching the query (no paging), oldest first, streamed
 * so an export of millions of events needs no memory for them. The caller records the export as an
 * {@link AuditEventType#AUDIT_LOG_EXPORT} event. The writer is flushed, not closed.
 */
public final class AuditExport {
    public enum FhirFormat { BUNDLE, NDJSON }

    private AuditExport() {
    }

    /** CSV with a header row; list cells are JSON arrays. Returns the number of events. */
    public static long csv(DataSource reader, String schema, AuditQuery query, Writer out) throws SQLException {
        try (CsvExport csv = new CsvExport(new NonClosingWriter(out))) {
            return AuditSearch.forEach(reader, schema, query, csv::write);
        }
    }

    /** FHIR R4 AuditEvent resources (IHE BALP), as a collection Bundle or NDJSON. Returns the number of events. */
    public static long fhir(DataSource reader, String schema, AuditQuery query, FhirFormat format, Writer out) throws SQLException {
        try (FhirAuditEventWriter w = new FhirAuditEventWriter(new NonClosingWriter(out),
                format == FhirFormat.BUNDLE ? FhirAuditEventWriter.Format.BUNDLE : FhirAuditEventWriter.Format.NDJSON)) {
            return AuditSearch.forEach(reader, schema, query, w::write);
        }
    }

    /** Single-record conversion, for the compliance console's detail view. */
    public static String fhirJson(AuditRecord record) {
        java.io.StringWriter s = new java.io.StringWriter();
        try (FhirAuditEventWriter w = new FhirAuditEventWriter(s, FhirAuditEventWriter.Format.NDJSON)) {
            w.write(record);
        }
        return s.toString().strip();
    }

    /** The caller owns the stream (an HTTP response, a file): flush, never close it. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
