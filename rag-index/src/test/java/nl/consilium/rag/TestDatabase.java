package nl.consilium.rag;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/** The module's own test database (consilium_test_rag), created on first use; each test uses its own schema. */
final class TestDatabase {

    private static final String BASE = System.getenv().getOrDefault("CONSILIUM_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String DB = "consilium_test_rag";
    private static HikariDataSource dataSource;

    private TestDatabase() {
    }

    static synchronized HikariDataSource dataSource() throws Exception {
        if (dataSource == null) {
            String serverUrl = BASE.replaceAll("/[^/?]*(\\?.*)?$", "/postgres");
            String url = BASE.replaceAll("/[^/?]*(\\?.*)?$", "/" + DB);
            try (Connection c = DriverManager.getConnection(serverUrl, "postgres", "");
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DB + "'")) {
                    if (!rs.next()) {
                        try {
                            s.execute("create database " + DB);
                        } catch (java.sql.SQLException raced) {
                            // another test JVM created it meanwhile
                        }
                    }
                }
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(System.getenv().getOrDefault("CONSILIUM_TEST_DB_USER", "postgres"));
            config.setMaximumPoolSize(6);
            dataSource = new HikariDataSource(config);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("create extension if not exists vector schema public");
            }
        }
        return dataSource;
    }

    static String freshSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
