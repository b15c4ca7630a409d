package nl.consilium.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The real PostgreSQL (with pgvector) that infra/bin/provision-postgres provides. Each test suite gets its own
 * database so suites of different modules can run side by side.
 */
public final class TestDatabase {

    private static final String SERVER = System.getenv().getOrDefault("CONSILIUM_TEST_DB_SERVER",
            "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getenv().getOrDefault("CONSILIUM_TEST_DB_USER", "postgres");

    private TestDatabase() {
    }

    private static final Set<String> FRESH = new HashSet<>();

    /**
     * JDBC URL of the named database, with pgvector. The first use in a test run drops and recreates it: CI runs
     * on a machine whose databases outlive a run, and data from an earlier run (keys wrapped by another run's
     * key-encryption key, migrations of an older build) must not decide this run's outcome.
     */
    public static synchronized String url(String database) {
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("test database names are lower-case identifiers");
        }
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            if (FRESH.add(database)) {
                try (var statement = admin.createStatement()) {
                    statement.execute("drop database if exists \"" + database + "\" with (force)");
                    statement.execute("create database \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + SERVER
                    + " (run infra/bin/provision-postgres): " + e.getMessage(), e);
        }
        String url = SERVER + database;
        try (Connection connection = DriverManager.getConnection(url, USER, "");
                var statement = connection.createStatement()) {
            statement.execute("create extension if not exists vector");
        } catch (SQLException e) {
            throw new IllegalStateException("pgvector is not available in " + url
                    + " (run infra/bin/provision-postgres): " + e.getMessage(), e);
        }
        return url;
    }
}
