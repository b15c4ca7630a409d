package nl.consilium.app.support;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The application's own schema ({@code consilium_app}) in a real test database, migrated with the application's
 * Flyway migrations, for tests of a store without the whole application. Each call returns an independent
 * DataSource, so two of them on the same database stand in for two instances behind a load balancer.
 */
public final class AppSchema {

    private AppSchema() {
    }

    public static DataSource migrated(String database) {
        DataSource dataSource = new DriverManagerDataSource(TestDatabase.url(database), TestDatabase.USER, "");
        Flyway.configure().dataSource(dataSource).schemas("consilium_app").createSchemas(true)
                .locations("classpath:db/migration/app").load().migrate();
        return dataSource;
    }

    /** Another DataSource on a database that {@link #migrated} prepared: a second instance's connection. */
    public static DataSource another(String database) {
        return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/" + database, TestDatabase.USER, "");
    }
}
