package nl.consilium.audit.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import nl.consilium.audit.AuditPage;
import nl.consilium.audit.AuditQuery;
import nl.consilium.audit.AuditRecord;
import nl.consilium.audit.store.EventColumns;

/**
 * SQL for compliance queries. Filters are bound parameters (never concatenated values); paging is
 * keyset on seq so the indexes (patient_id, seq desc) and (user_id, seq desc) serve the first page
 * directly.
 */
public final class EventQueries {
    private EventQueries() {
    }

    private record Sql(String where, List<Binder> binders) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, Connection c, int index) throws SQLException;
    }

    private static Sql where(AuditQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Binder> binders = new ArrayList<>();
        if (q.userId() != null) {
            conditions.add("user_id = ?");
            binders.add((ps, c, i) -> ps.setString(i, q.userId()));
        }
        if (q.patientId() != null) {
            conditions.add("patient_id = ?");
            binders.add((ps, c, i) -> ps.setString(i, q.patientId()));
        }
        if (q.applicationId() != null) {
            conditions.add("application_id = ?");
            binders.add((ps, c, i) -> ps.setString(i, q.applicationId()));
        }
        anyOf(conditions, binders, "event_type", q.types());
        anyOf(conditions, binders, "decision", q.decisions());
        anyOf(conditions, binders, "outcome", q.outcomes());
        if (q.from() != null) {
            conditions.add("occurred_at >= ?");
            binders.add((ps, c, i) -> ps.setObject(i, OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC)));
        }
        if (q.to() != null) {
            conditions.add("occurred_at < ?");
            binders.add((ps, c, i) -> ps.setObject(i, OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC)));
        }
        if (q.beforeSeq() != null) {
            conditions.add("seq < ?");
            binders.add((ps, c, i) -> ps.setLong(i, q.beforeSeq()));
        }
        return new Sql(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), binders);
    }

    private static void anyOf(List<String> conditions, List<Binder> binders, String column, Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            return;
        }
        String[] names = values.stream().map(Enum::name).sorted().toArray(String[]::new);
        conditions.add(column + " = any(?)");
        binders.add((ps, c, i) -> ps.setArray(i, c.createArrayOf("text", names)));
    }

    public static AuditPage page(DataSource ds, String schema, AuditQuery q) throws SQLException {
        Sql sql = where(q);
        String text = "select " + EventColumns.SELECT_LIST + " from " + schema + ".event" + sql.where()
                + " order by seq desc limit ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(text)) {
            int i = bind(ps, c, sql);
            // One extra row tells whether there is a next page without a count(*) over millions.
            ps.setInt(i, q.limit() + 1);
            List<AuditRecord> records = new ArrayList<>(q.limit());
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (records.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    records.add(EventColumns.read(rs).toRecord());
                }
            }
            return new AuditPage(records, more ? records.getLast().sequence() : null);
        }
    }

    public static long stream(DataSource ds, String schema, AuditQuery q, Consumer<AuditRecord> sink) throws SQLException {
        Sql sql = where(q);
        String text = "select " + EventColumns.SELECT_LIST + " from " + schema + ".event" + sql.where() + " order by seq";
        try (Connection c = ds.getConnection()) {
            // A cursor (fetch size) needs a transaction; read-only, and one snapshot for the whole export.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(text)) {
                bind(ps, c, sql);
                ps.setFetchSize(5000);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(EventColumns.read(rs).toRecord());
                        n++;
                    }
                }
                return n;
            } finally {
                c.rollback();
            }
        }
    }

    private static int bind(PreparedStatement ps, Connection c, Sql sql) throws SQLException {
        int i = 1;
        for (Binder b : sql.binders()) {
            b.bind(ps, c, i++);
        }
        return i;
    }
}
