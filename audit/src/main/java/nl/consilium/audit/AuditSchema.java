package nl.consilium.audit;

import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the audit tables with Flyway, in their own PostgreSQL schema and with their
 * own Flyway history table inside it, so the audit log migrates independently of the application's
 * other tables. Run it with an owner/administrator connection (not the writer role) at start-up.
 */
public final class AuditSchema {
    public static final String DEFAULT_SCHEMA = "audit";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private AuditSchema() {
    }

    public static void migrate(DataSource admin) {
        migrate(admin, DEFAULT_SCHEMA);
    }

    public static void migrate(DataSource admin, String schema) {
        Flyway.configure()
                .dataSource(admin)
                .schemas(checkName(schema))
                .defaultSchema(schema)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:nl/consilium/audit/db/migration")
                .placeholders(Map.of("schema", schema))
                .load()
                .migrate();
    }

    /** Schema names go into SQL text, so only plain lowercase identifiers are accepted. */
    public static String checkName(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("audit schema name must match " + IDENTIFIER.pattern() + ": " + schema);
        }
        return schema;
    }
}
