package nl.consilium.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The module's own test database (consilium_test_audit, created when missing) and a fresh schema
 * per test, so tests and parallel builds never share a chain.
 */
final class TestDatabase {
    static final String DB = "consilium_test_audit";
    static final CheckpointKey KEY = CheckpointKey.fromBase64("q0Xp1m2n7r8cO4Xw9yV3u6t5s4r3q2p1o0n9m8l7k6I=");

    private TestDatabase() {
    }

    static String baseUrl() {
        String url = System.getenv("CONSILIUM_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            url = "jdbc:postgresql://127.0.0.1:5432/" + DB;
        }
        return url;
    }

    static synchronized DataSource dataSource() {
        ensureDatabase();
        return ds(baseUrl(), "postgres");
    }

    static DataSource ds(String url, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        return ds;
    }

    private static boolean created;

    private static void ensureDatabase() {
        if (created) {
            return;
        }
        String url = baseUrl();
        String db = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = ds(admin, "postgres").getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + db.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    try {
                        st.execute("create database " + db);
                    } catch (SQLException e) {
                        if (!"42P04".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach or create the test database " + db + ": " + e.getMessage(), e);
        }
        created = true;
    }

    static String freshSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)).toLowerCase(Locale.ROOT);
    }

    static void dropSchema(DataSource ds, String schema) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL as the superuser with the protection triggers of the event table switched off: an attacker with DBA rights. */
    static void asAttacker(DataSource ds, String schema, String... sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("alter table " + schema + ".event disable trigger user");
            st.execute("alter table " + schema + ".checkpoint disable trigger user");
            st.execute("alter table " + schema + ".chain_head disable trigger user");
            for (String s : sql) {
                st.execute(s.replace("{s}", schema));
            }
            st.execute("alter table " + schema + ".event enable trigger user");
            st.execute("alter table " + schema + ".checkpoint enable trigger user");
            st.execute("alter table " + schema + ".chain_head enable trigger user");
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
