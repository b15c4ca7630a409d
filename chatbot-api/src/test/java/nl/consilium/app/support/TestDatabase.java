package nl.consilium.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

    /** JDBC URL of the named database, created (with pgvector) when missing. */
    public static synchronized String url(String database) {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            boolean exists;
            try (var statement = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                statement.setString(1, database);
                exists = statement.executeQuery().next();
            }
            if (!exists) {
                try (var statement = admin.createStatement()) {
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
