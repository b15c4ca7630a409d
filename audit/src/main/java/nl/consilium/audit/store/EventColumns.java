package nl.consilium.audit.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import nl.consilium.audit.AuditAction;
import nl.consilium.audit.AuditActor;
import nl.consilium.audit.AuditDecision;
import nl.consilium.audit.AuditEvent;
import nl.consilium.audit.AuditEventType;
import nl.consilium.audit.AuditLocation;
import nl.consilium.audit.AuditObject;
import nl.consilium.audit.AuditObjectKind;
import nl.consilium.audit.AuditOutcome;
import nl.consilium.audit.AuditRecord;
import nl.consilium.audit.PolicyReference;

/** The mapping between {@link AuditEvent} and the columns of the event table, both directions. */
public final class EventColumns {
    /** Columns the writer supplies, in binding order. */
    public static final List<String> WRITTEN = List.of("content_sha256", "occurred_at", "event_type", "action", "outcome",
            "user_id", "user_name", "user_role", "responsible_user_id", "responsible_user_name", "responsible_user_role",
            "access_point", "client_address", "application_instance", "patient_id", "object_kinds", "object_refs",
            "application_id", "policy_version", "policy_hash", "decision", "rule_ids", "model_endpoint", "sources_cited",
            "correlation_id", "message_sha256");

    /** Columns read back: chain columns first, then the written ones. */
    public static final String SELECT_LIST = "seq, prev_hash, hash, " + String.join(", ", WRITTEN);

    private EventColumns() {
    }

    public static String insertSql(String schema) {
        return "insert into " + schema + ".event (" + String.join(", ", WRITTEN) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(WRITTEN.size(), "?")) + ")";
    }

    public static void bind(PreparedStatement ps, Connection c, AuditEvent e, byte[] contentSha256) throws SQLException {
        bind(ps, c, e, contentSha256, 1);
    }

    /** Binds the {@link #WRITTEN} columns starting at parameter {@code i}. */
    public static void bind(PreparedStatement ps, Connection c, AuditEvent e, byte[] contentSha256, int i) throws SQLException {
        ps.setBytes(i++, contentSha256);
        ps.setObject(i++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        ps.setString(i++, e.type().name());
        ps.setString(i++, e.action().name());
        ps.setString(i++, e.outcome().name());
        ps.setString(i++, e.user().userId());
        ps.setString(i++, e.user().name());
        ps.setString(i++, e.user().role());
        AuditActor r = e.responsibleUser();
        ps.setString(i++, r == null ? null : r.userId());
        ps.setString(i++, r == null ? null : r.name());
        ps.setString(i++, r == null ? null : r.role());
        ps.setString(i++, e.location().accessPoint());
        ps.setString(i++, e.location().clientAddress());
        ps.setString(i++, e.location().applicationInstance());
        ps.setString(i++, e.patientId());
        ps.setArray(i++, c.createArrayOf("text", e.objects().stream().map(o -> o.kind().name()).toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", e.objects().stream().map(AuditObject::reference).toArray(String[]::new)));
        ps.setString(i++, e.applicationId());
        ps.setString(i++, e.policy() == null ? null : e.policy().version());
        ps.setString(i++, e.policy() == null ? null : e.policy().hash());
        ps.setString(i++, e.decision() == null ? null : e.decision().name());
        ps.setArray(i++, c.createArrayOf("text", e.ruleIds().toArray(String[]::new)));
        ps.setString(i++, e.modelEndpoint());
        ps.setArray(i++, c.createArrayOf("text", e.sourcesCited().toArray(String[]::new)));
        ps.setString(i++, e.correlationId());
        ps.setString(i, e.messageSha256());
    }


    private static final java.util.Set<String> LIST_COLUMNS = java.util.Set.of("object_kinds", "object_refs", "rule_ids", "sources_cited");

    /**
     * One statement for a whole batch: {@code insert ... select from unnest(text arrays) with
     * ordinality order by ord returning seq, hash}. In auto-commit mode this is a single round trip
     * that returns only after COMMIT, and the trigger numbers the rows in input order. Every column
     * travels as text (hex for the hash, ISO-8601 for the time, array literals for lists) and is cast
     * by PostgreSQL, which parses exactly what the single-row path would store.
     */
    public static String batchInsertSql(String schema) {
        StringBuilder select = new StringBuilder();
        StringBuilder unnest = new StringBuilder();
        StringBuilder alias = new StringBuilder();
        for (int i = 0; i < WRITTEN.size(); i++) {
            String col = WRITTEN.get(i);
            String a = "c" + i;
            if (i > 0) {
                select.append(", ");
                unnest.append(", ");
                alias.append(", ");
            }
            if (col.equals("content_sha256")) {
                select.append("decode(").append(a).append(", 'hex')");
            } else if (col.equals("occurred_at")) {
                select.append(a).append("::timestamptz");
            } else if (LIST_COLUMNS.contains(col)) {
                select.append(a).append("::text[]");
            } else {
                select.append(a);
            }
            unnest.append("?::text[]");
            alias.append(a);
        }
        return "insert into " + schema + ".event (" + String.join(", ", WRITTEN) + ") select " + select
                + " from unnest(" + unnest + ") with ordinality as t(" + alias + ", ord) order by ord returning seq, hash";
    }

    /** Binds a batch to {@link #batchInsertSql}: one text array per column. */
    public static void bindBatch(PreparedStatement ps, Connection c, List<AuditEvent> events, List<byte[]> contents) throws SQLException {
        int n = events.size();
        int cols = WRITTEN.size();
        String[][] values = new String[cols][n];
        HexFormat hex = HexFormat.of();
        for (int r = 0; r < n; r++) {
            AuditEvent e = events.get(r);
            AuditActor resp = e.responsibleUser();
            String[] row = {hex.formatHex(contents.get(r)), e.occurredAt().toString(), e.type().name(),
                    e.action().name(), e.outcome().name(), e.user().userId(), e.user().name(), e.user().role(),
                    resp == null ? null : resp.userId(), resp == null ? null : resp.name(), resp == null ? null : resp.role(),
                    e.location().accessPoint(), e.location().clientAddress(), e.location().applicationInstance(), e.patientId(),
                    arrayLiteral(e.objects().stream().map(o -> o.kind().name()).toList()),
                    arrayLiteral(e.objects().stream().map(AuditObject::reference).toList()),
                    e.applicationId(), e.policy() == null ? null : e.policy().version(), e.policy() == null ? null : e.policy().hash(),
                    e.decision() == null ? null : e.decision().name(), arrayLiteral(e.ruleIds()), e.modelEndpoint(),
                    arrayLiteral(e.sourcesCited()), e.correlationId(), e.messageSha256()};
            for (int col = 0; col < cols; col++) {
                values[col][r] = row[col];
            }
        }
        for (int col = 0; col < cols; col++) {
            ps.setArray(col + 1, c.createArrayOf("text", values[col]));
        }
    }

    /** PostgreSQL array literal; every element quoted, so commas, braces and NULL-looking text stay text. */
    static String arrayLiteral(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            String v = values.get(i);
            for (int k = 0; k < v.length(); k++) {
                char ch = v.charAt(k);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /** A stored row as read from {@link #SELECT_LIST}. */
    public record Row(long seq, byte[] prevHash, byte[] hash, byte[] contentSha256, AuditEvent event) {
        public AuditRecord toRecord() {
            return new AuditRecord(seq, HexFormat.of().formatHex(hash), event);
        }
    }

    /**
     * Reads the current row. Throws {@link IllegalArgumentException} when a stored value cannot be an
     * event (e.g. an unknown enum name): the verifier reports that as a changed record.
     */
    public static Row read(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        byte[] prev = rs.getBytes(2);
        byte[] hash = rs.getBytes(3);
        byte[] content = rs.getBytes(4);
        Instant occurred = rs.getObject(5, OffsetDateTime.class).toInstant();
        AuditEventType type = AuditEventType.valueOf(rs.getString(6));
        AuditAction action = AuditAction.valueOf(rs.getString(7));
        AuditOutcome outcome = AuditOutcome.valueOf(rs.getString(8));
        AuditActor user = new AuditActor(s(rs, 9), s(rs, 10), s(rs, 11));
        String rid = s(rs, 12);
        String rname = s(rs, 13);
        String rrole = s(rs, 14);
        if (rid == null && (rname != null || rrole != null)) {
            throw new IllegalArgumentException("responsible user name or role without a responsible user id");
        }
        AuditActor responsible = rid == null ? null : new AuditActor(rid, rname, rrole);
        AuditLocation location = new AuditLocation(s(rs, 15), s(rs, 16), s(rs, 17));
        String patient = s(rs, 18);
        List<String> kinds = strings(rs.getArray(19));
        List<String> refs = strings(rs.getArray(20));
        if (kinds.size() != refs.size()) {
            throw new IllegalArgumentException("object kinds and references differ in length");
        }
        List<AuditObject> objects = new ArrayList<>(kinds.size());
        for (int k = 0; k < kinds.size(); k++) {
            objects.add(new AuditObject(AuditObjectKind.valueOf(kinds.get(k)), refs.get(k)));
        }
        String application = s(rs, 21);
        String policyVersion = s(rs, 22);
        String policyHash = s(rs, 23);
        if (policyVersion == null && policyHash != null) {
            throw new IllegalArgumentException("policy hash without a policy version");
        }
        PolicyReference policy = policyVersion == null ? null : new PolicyReference(policyVersion, policyHash);
        String decision = rs.getString(24);
        List<String> rules = strings(rs.getArray(25));
        String model = s(rs, 26);
        List<String> sources = strings(rs.getArray(27));
        String correlation = s(rs, 28);
        String message = s(rs, 29);
        AuditEvent e = new AuditEvent(occurred, type, action, outcome, user, responsible, location, patient, objects,
                application, policy, decision == null ? null : AuditDecision.valueOf(decision), rules, model, sources,
                correlation, message);
        return new Row(seq, prev, hash, content, e);
    }

    /**
     * The writer never stores an empty string (optional text becomes null), so an empty string in a
     * row was put there by someone else; mapping it to null would hide that change from the hash.
     */
    private static String s(ResultSet rs, int column) throws SQLException {
        String v = rs.getString(column);
        if (v != null && v.isEmpty()) {
            throw new IllegalArgumentException("empty text in column " + column);
        }
        return v;
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return Arrays.asList(Arrays.copyOf(values, values.length, String[].class));
    }
}
