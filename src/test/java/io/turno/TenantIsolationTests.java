package io.turno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;

import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Row-level security is the second line of defence: even a query that forgets its
 * {@code tenant_id} sees and writes only the rows of the tenant its work is scoped to.
 */
@TurnoTest
class TenantIsolationTests {

    @Autowired
    JdbcClient app;

    @Autowired
    TransactionTemplate transactions;

    JdbcClient owner;
    TenantId demo;
    TenantId other;

    @Autowired
    void ownerConnection(DataSource dataSource) {
        owner = TestDatabase.owner(dataSource);
    }

    @BeforeEach
    void twoTenants() {
        demo = new TenantId(owner.sql("SELECT id FROM tenants WHERE slug = 'demo'")
                .query(UUID.class)
                .single());
        UUID id = UUID.randomUUID();
        owner.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Otra')")
                .param("id", id)
                .param("slug", "otra-" + id.toString().substring(0, 8))
                .update();
        owner.sql(
                        "INSERT INTO users (id, tenant_id, username, full_name, password_hash) VALUES (:id, :t, 'ajeno', 'Ajeno', 'x')")
                .param("id", UUID.randomUUID())
                .param("t", id)
                .update();
        other = new TenantId(id);
    }

    @Test
    void theApplicationConnectsAsARoleThatCannotBypassThePolicies() {
        var role = app.sql(
                        "SELECT current_user || ':' || rolsuper || ':' || rolbypassrls FROM pg_roles WHERE rolname = current_user")
                .query(String.class)
                .single();
        assertThat(role).isEqualTo("turno_app:false:false");
        assertThatThrownBy(() -> TenantScope.run(
                        demo,
                        () -> transactions.executeWithoutResult(status -> {
                            app.sql("SET LOCAL row_security = off").update();
                            app.sql("SELECT count(*) FROM users")
                                    .query(Long.class)
                                    .single();
                        })))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void aQueryWithoutTenantFilterSeesOnlyItsScopesRows() {
        long demoUsers = owner.sql("SELECT count(*) FROM users WHERE tenant_id = :t")
                .param("t", demo.value())
                .query(Long.class)
                .single();
        assertThat(demoUsers).isPositive();

        assertThat(TenantScope.call(
                        demo,
                        () -> app.sql("SELECT count(*) FROM users")
                                .query(Long.class)
                                .single()))
                .isEqualTo(demoUsers);
        assertThat(TenantScope.call(
                        other,
                        () -> app.sql("SELECT username FROM users")
                                .query(String.class)
                                .list()))
                .containsExactly("ajeno");
        assertThat(app.sql("SELECT count(*) FROM users").query(Long.class).single())
                .as("work bound to no tenant sees no tenant's rows")
                .isZero();
        assertThat(TenantScope.unscoped(() ->
                        app.sql("SELECT count(*) FROM users").query(Long.class).single()))
                .isGreaterThan(demoUsers);
    }

    @Test
    void rowsOfAnotherTenantCanBeNeitherWrittenNorChanged() {
        assertThatThrownBy(() -> TenantScope.run(
                        demo,
                        () -> app.sql("""
                INSERT INTO users (id, tenant_id, username, full_name, password_hash) VALUES (:id, :t, 'intruso', 'I', 'x')
                """)
                                .param("id", UUID.randomUUID())
                                .param("t", other.value())
                                .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
        int changed = TenantScope.call(
                demo,
                () -> app.sql("UPDATE users SET full_name = 'Cambiado' WHERE tenant_id = :t")
                        .param("t", other.value())
                        .update());
        assertThat(changed).isZero();
        assertThat(owner.sql("SELECT full_name FROM users WHERE tenant_id = :t")
                        .param("t", other.value())
                        .query(String.class)
                        .single())
                .isEqualTo("Ajeno");
    }
}
