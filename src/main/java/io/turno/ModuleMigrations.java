package io.turno;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each module owns {@code db/migration/<module>} and its own history table, so modules number
 * their migrations independently ({@code V1__identity_...}, {@code V1__audit_...}).
 */
@Configuration(proxyBeanMethods = false)
class ModuleMigrations {

    /** Migration order: a module's tables may reference only modules listed before it. */
    static final List<String> MODULES = List.of("modulith", "identity", "audit", "catalog", "customers");

    @Bean
    FlywayMigrationStrategy moduleMigrationStrategy() {
        return flyway -> MODULES.forEach(module -> Flyway.configure()
                .configuration(flyway.getConfiguration())
                .locations("classpath:db/migration/" + module)
                .table("flyway_history_" + module)
                // Other modules' tables already exist when this module first migrates: start its history at 0.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate());
    }
}
