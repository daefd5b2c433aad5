package io.turno;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Each module owns {@code db/migration/<module>} and its own history table, so modules number
 * their migrations independently ({@code V1__identity_...}, {@code V1__audit_...}). Migrations run
 * as the configured database user, the owner of the tables; the application itself runs as the
 * role without ownership that row-level security applies to (see {@link TenantIsolation}).
 */
@Configuration(proxyBeanMethods = false)
class ModuleMigrations {

    /** Migration order: a module's tables may reference only modules listed before it. */
    static final List<String> MODULES = List.of(
            "shared",
            "modulith",
            "identity",
            "audit",
            "catalog",
            "customers",
            "queueing",
            "notifications",
            "production",
            "scheduling",
            "clinical",
            "billing",
            "reporting",
            "dashboards");

    @Bean
    FlywayMigrationStrategy moduleMigrationStrategy(DataSource dataSource, Environment environment) {
        return flyway -> {
            HikariDataSource pool = unwrap(dataSource);
            MODULES.forEach(module -> Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .dataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())
                    .placeholders(Map.of("appRole", TenantIsolation.appRole(environment)))
                    .locations("classpath:db/migration/" + module)
                    .table("flyway_history_" + module)
                    // Other modules' tables already exist when this module first migrates: start its history at 0.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate());
        };
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Turno runs on a Hikari connection pool", e);
        }
    }
}
