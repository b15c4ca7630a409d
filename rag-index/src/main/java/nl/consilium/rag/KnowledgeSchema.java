package nl.consilium.rag;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the knowledge schema with Flyway, with its own history table so it never
 * interferes with other modules' migrations in the same database.
 */
public final class KnowledgeSchema {

    public static final String DEFAULT_SCHEMA = "knowledge";
    public static final int DEFAULT_DIMENSIONS = 384;
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private KnowledgeSchema() {
    }

    public static void migrate(DataSource dataSource) {
        migrate(dataSource, DEFAULT_SCHEMA, DEFAULT_DIMENSIONS);
    }

    /**
     * @param dimensions vector length of the embedding model; fixed when the schema is first created
     */
    public static void migrate(DataSource dataSource, String schema, int dimensions) {
        requireIdentifier(schema);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // In public, not in the knowledge schema: dropping an evaluation schema must not drop the extension.
            s.execute("create extension if not exists vector schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the pgvector extension (needs pgvector installed and a privileged user): "
                    + e.getMessage(), e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table("flyway_history_knowledge")
                .locations("classpath:nl/consilium/rag/db/postgres")
                .placeholders(Map.of("dimensions", Integer.toString(dimensions)))
                .load()
                .migrate();
    }

    /** Drops a schema made for an evaluation or a test. Refuses the production schema name. */
    public static void drop(DataSource dataSource, String schema) {
        requireIdentifier(schema);
        if (schema.equals(DEFAULT_SCHEMA)) {
            throw new IllegalArgumentException("refusing to drop the production knowledge schema");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    /**
     * Drops the vector index of a schema about to receive a bulk load. Inserting into a live HNSW
     * index costs milliseconds a vector (docs/retrieval.md); building it once afterwards is several
     * times faster. Only for a fresh schema nobody searches yet (an evaluation): a live knowledge
     * base keeps its index.
     */
    static void dropVectorIndex(DataSource dataSource, String schema) {
        requireIdentifier(schema);
        if (schema.equals(DEFAULT_SCHEMA)) {
            throw new IllegalArgumentException("the production knowledge schema keeps its vector index");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop index if exists " + schema + ".chunk_embedding_hnsw");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the vector index of " + schema, e);
        }
    }

    /** Builds the vector index exactly as the V1 migration defines it. */
    static void createVectorIndex(DataSource dataSource, String schema) {
        requireIdentifier(schema);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set maintenance_work_mem = '512MB'");
            s.execute("create index if not exists chunk_embedding_hnsw on " + schema + ".chunk"
                    + " using hnsw (embedding public.vector_cosine_ops) with (m = 16, ef_construction = 64) where approved");
            s.execute("analyze " + schema + ".chunk");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the vector index of " + schema, e);
        }
    }

    static String requireIdentifier(String schema) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("invalid schema name '" + schema + "' (lower-case letters, digits, underscore)");
        }
        return schema;
    }
}
