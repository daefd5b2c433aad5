package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's roles and users' explicit permissions; every statement is tenant-scoped. */
@Repository
class Roles {

    private final JdbcClient jdbc;

    private final SessionCache openSessions;

    Roles(JdbcClient jdbc, SessionCache openSessions) {
        this.jdbc = jdbc;
        this.openSessions = openSessions;
    }

    List<RolesService.RoleView> all(TenantId tenant) {
        return jdbc.sql(VIEW + " WHERE r.tenant_id = :tenant ORDER BY r.built_in DESC, r.code")
                .param("tenant", tenant.value())
                .query(Roles::view)
                .list();
    }

    Optional<RolesService.RoleView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE r.tenant_id = :tenant AND r.id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(Roles::view)
                .optional();
    }

    boolean codeTaken(TenantId tenant, String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM roles WHERE tenant_id = :tenant AND code = :code)")
                .param("tenant", tenant.value())
                .param("code", code)
                .query(Boolean.class)
                .single();
    }

    void update(TenantId tenant, UUID id, String name, Set<String> permissions) {
        jdbc.sql(
                        "UPDATE roles SET name = :name, permissions = :permissions, updated_at = now() WHERE id = :id AND tenant_id = :tenant")
                .param("name", name)
                .param("permissions", permissions.stream().sorted().toArray(String[]::new))
                .param("id", id)
                .param("tenant", tenant.value())
                .update();
        openSessions.forgetTenantAfterCommit(tenant);
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM roles WHERE id = :id AND tenant_id = :tenant AND NOT built_in")
                .param("id", id)
                .param("tenant", tenant.value())
                .update();
        openSessions.forgetTenantAfterCommit(tenant);
    }

    boolean assigned(TenantId tenant, UUID roleId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_roles WHERE tenant_id = :tenant AND role_id = :id)")
                .param("tenant", tenant.value())
                .param("id", roleId)
                .query(Boolean.class)
                .single();
    }

    Set<String> explicitPermissions(TenantId tenant, UUID userId) {
        return new TreeSet<>(
                jdbc.sql("SELECT permission FROM user_permissions WHERE tenant_id = :tenant AND user_id = :user")
                        .param("tenant", tenant.value())
                        .param("user", userId)
                        .query(String.class)
                        .list());
    }

    void replaceExplicitPermissions(TenantId tenant, UUID userId, Set<String> permissions) {
        jdbc.sql("DELETE FROM user_permissions WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", userId)
                .update();
        for (String permission : permissions) {
            jdbc.sql("INSERT INTO user_permissions (tenant_id, user_id, permission) VALUES (:tenant, :user, :p)")
                    .param("tenant", tenant.value())
                    .param("user", userId)
                    .param("p", permission)
                    .update();
        }
        openSessions.forgetUserAfterCommit(userId);
    }

    private static final String VIEW = """
            SELECT r.id, r.code, r.name, r.built_in, r.permissions,
                   (SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id) AS users
            FROM roles r
            """;

    private static RolesService.RoleView view(ResultSet rs, int row) throws SQLException {
        return new RolesService.RoleView(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getBoolean("built_in"),
                new TreeSet<>(
                        Arrays.asList((String[]) rs.getArray("permissions").getArray())),
                rs.getLong("users"));
    }
}
