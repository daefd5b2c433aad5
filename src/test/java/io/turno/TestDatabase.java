package io.turno;

import java.sql.SQLException;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Tests look at the database as its owner, past row-level security: they check what the
 * application wrote, whichever tenant it belongs to. The application itself never connects so.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static JdbcClient owner(DataSource applicationDataSource) {
        try {
            var pool = applicationDataSource.unwrap(HikariDataSource.class);
            return JdbcClient.create(new SimpleDriverDataSource(
                    new org.postgresql.Driver(), pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another instance of Turno on the test's database, on a port of its own; the caller closes it. */
    public static ConfigurableApplicationContext secondInstance(DataSource applicationDataSource) {
        try {
            return new SpringApplicationBuilder(TurnoApplication.class)
                    .run(
                            "--spring.datasource.url="
                                    + applicationDataSource
                                            .unwrap(HikariDataSource.class)
                                            .getJdbcUrl(),
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=",
                            "--server.port=0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls to the instance {@link #secondInstance} started. */
    public static TestHttp http(ConfigurableApplicationContext instance) {
        return new TestHttp(Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
