package io.turno;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Map<String, ConfigurableApplicationContext> SECOND_INSTANCES = new ConcurrentHashMap<>();

    /**
     * Another instance of Turno on the test's database, on a port of its own, with the tests' usual
     * settings. One per database, shared by every test that asks for it (a start costs seconds of CPU):
     * never close it; it ends with the JVM.
     */
    public static ConfigurableApplicationContext secondInstance(DataSource applicationDataSource) {
        String url;
        try {
            url = applicationDataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return SECOND_INSTANCES.computeIfAbsent(
                url,
                database -> new SpringApplicationBuilder(TurnoApplication.class)
                        // No shutdown hook: at exit the shared context's database may already be gone, and
                        // closing would wait on it until Surefire kills the JVM (30 s). It ends with the JVM.
                        .registerShutdownHook(false)
                        .run(
                                "--spring.datasource.url=" + database,
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=",
                                "--server.port=0"));
    }

    /** Calls to the instance {@link #secondInstance} started. */
    public static TestHttp http(ConfigurableApplicationContext instance) {
        return new TestHttp(Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port")));
    }
}
