package io.turno;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.turno.shared.TenantScope;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Row-level security as the second line of defence behind the {@code tenant_id} of every query.
 * The application's connections run as the role {@code turno.database.app-role} (default
 * {@code turno_app}), which owns no table and so cannot bypass the policies; migrations run as the
 * configured owner. Each connection handed out carries the {@link TenantScope} of the work that
 * asked for it, in the settings {@code turno.tenant_id} and {@code turno.unscoped} the policies read.
 * Connections are fetched lazily, at a transaction's first statement, so work that binds its scope
 * inside a transactional method (an event listener) still gets it.
 */
@Configuration(proxyBeanMethods = false)
class TenantIsolation {

    static final String APP_ROLE_PROPERTY = "turno.database.app-role";
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    static String appRole(Environment environment) {
        String role = environment.getProperty(APP_ROLE_PROPERTY, "turno_app");
        if (!ROLE_NAME.matcher(role).matches()) {
            throw new IllegalArgumentException(
                    APP_ROLE_PROPERTY + " must be a plain lower-case role name, not " + role);
        }
        return role;
    }

    @Bean
    static BeanPostProcessor tenantScopedConnections(Environment environment) {
        String role = appRole(environment);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    pool.setConnectionInitSql("SET ROLE " + role);
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    return new LazyConnectionDataSourceProxy(new TenantScopedDataSource(pool));
                }
                return bean;
            }
        };
    }

    /** Sets the scope on each connection it hands out, skipping the round trip when it is already right. */
    static final class TenantScopedDataSource extends DelegatingDataSource {

        private final Map<Connection, String> applied = Collections.synchronizedMap(new WeakHashMap<>());

        TenantScopedDataSource(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            try {
                apply(connection);
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        private void apply(Connection connection) throws SQLException {
            var scope = TenantScope.current();
            String tenant =
                    scope.map(s -> s.unscoped() ? "" : s.tenant().toString()).orElse("");
            String unscoped = scope.map(TenantScope.Scope::unscoped).orElse(false) ? "on" : "off";
            Connection physical = connection.unwrap(Connection.class);
            String wanted = tenant + "|" + unscoped;
            if (wanted.equals(applied.get(physical))) {
                return;
            }
            // Connections are handed out in auto-commit mode, so the settings outlive any later rollback.
            try (var statement = connection.prepareStatement(
                    "SELECT set_config('turno.tenant_id', ?, false), set_config('turno.unscoped', ?, false)")) {
                statement.setString(1, tenant);
                statement.setString(2, unscoped);
                statement.execute();
            }
            applied.put(physical, wanted);
        }
    }
}
