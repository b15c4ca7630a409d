package nl.consilium.app.operations;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * IT's out-of-service switches for applications and connectors, kept in PostgreSQL so that every instance behind
 * the load balancer obeys the same switch from its next request on. Read on every request (a primary-key-sized
 * table): no cache, so "at once" means at once on all instances. If the database cannot be read the request fails,
 * as it would for its audit record anyway (fail closed).
 */
@Repository
public class ServiceSwitches {

    /** What can be switched. */
    public enum Kind {
        APPLICATION, EPD, MODEL_ENDPOINT, KNOWLEDGE_BASE
    }

    /** The single targets of the connectors that exist once per deployment. */
    public static final String EPD = "epd";
    public static final String KNOWLEDGE_BASE = "knowledge-base";

    /** The last change of one switch: who switched it and when. */
    public record Switch(Kind kind, String target, boolean inService, String changedBy, Instant changedAt) {
    }

    private final JdbcClient jdbc;

    public ServiceSwitches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The targets of this kind that IT took out of service. */
    public Set<String> outOfService(Kind kind) {
        return jdbc.sql("select target from consilium_app.service_switch where kind = ? and not in_service")
                .param(kind.name()).query(String.class).set();
    }

    public boolean inService(Kind kind, String target) {
        return jdbc.sql("select count(*) from consilium_app.service_switch where kind = ? and target = ? "
                        + "and not in_service")
                .params(kind.name(), target).query(Long.class).single() == 0;
    }

    /** Every switch that was ever changed, with its current position. */
    public List<Switch> all() {
        return jdbc.sql("select kind, target, in_service, changed_by, changed_at from consilium_app.service_switch "
                        + "order by kind, target")
                .query((rs, n) -> new Switch(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    public void set(Kind kind, String target, boolean inService, String changedBy, Instant changedAt) {
        jdbc.sql("insert into consilium_app.service_switch (kind, target, in_service, changed_by, changed_at) "
                        + "values (?, ?, ?, ?, ?) on conflict (kind, target) do update set in_service = excluded.in_service, "
                        + "changed_by = excluded.changed_by, changed_at = excluded.changed_at")
                .params(kind.name(), target, inService, changedBy, java.sql.Timestamp.from(changedAt))
                .update();
    }
}
