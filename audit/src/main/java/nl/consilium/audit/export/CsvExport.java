package nl.consilium.audit.export;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditRecord;

/**
 * CSV for spreadsheets: one row per event, RFC 4180 quoting by Jackson's CSV writer. List cells are
 * JSON arrays so nothing is lost when a value contains the separator. Cells that a spreadsheet would
 * run as a formula (starting with = + - @ or a tab/CR) get a leading apostrophe (OWASP CSV injection).
 */
public final class CsvExport implements AutoCloseable {
    public static final List<String> COLUMNS = List.of("seq", "hash", "occurred_at", "event_type", "action", "outcome",
            "user_id", "user_name", "user_role", "responsible_user_id", "responsible_user_name", "responsible_user_role",
            "access_point", "client_address", "application_instance", "patient_id", "objects", "application_id",
            "policy_version", "policy_hash", "decision", "rule_ids", "model_endpoint", "sources_cited", "correlation_id",
            "message_sha256");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SequenceWriter rows;

    public CsvExport(Writer out) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        this.rows = new CsvMapper().writer(schema.setUseHeader(true).build()).writeValues(out);
    }

    public void write(AuditRecord r) {
        AuditEvent e = r.event();
        AuditActor resp = e.responsibleUser();
        List<String> row = new ArrayList<>(COLUMNS.size());
        row.add(Long.toString(r.sequence()));
        row.add(r.hash());
        row.add(e.occurredAt().toString());
        row.add(e.type().name());
        row.add(e.action().name());
        row.add(e.outcome().name());
        row.add(e.user().userId());
        row.add(e.user().name());
        row.add(e.user().role());
        row.add(resp == null ? null : resp.userId());
        row.add(resp == null ? null : resp.name());
        row.add(resp == null ? null : resp.role());
        row.add(e.location().accessPoint());
        row.add(e.location().clientAddress());
        row.add(e.location().applicationInstance());
        row.add(e.patientId());
        row.add(JSON.writeValueAsString(e.objects().stream().map(CsvExport::object).toList()));
        row.add(e.applicationId());
        row.add(e.policy() == null ? null : e.policy().version());
        row.add(e.policy() == null ? null : e.policy().hash());
        row.add(e.decision() == null ? null : e.decision().name());
        row.add(JSON.writeValueAsString(e.ruleIds()));
        row.add(e.modelEndpoint());
        row.add(JSON.writeValueAsString(e.sourcesCited()));
        row.add(e.correlationId());
        row.add(e.messageSha256());
        rows.write(row.stream().map(CsvExport::cell).toList());
    }

    private static String object(AuditObject o) {
        return o.kind().name() + ":" + o.reference();
    }

    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        char c = v.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + v;
        }
        return v;
    }

    @Override
    public void close() {
        rows.close();
    }
}
