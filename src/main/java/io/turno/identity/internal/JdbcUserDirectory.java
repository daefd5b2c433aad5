package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.turno.identity.UserDirectory;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link UserDirectory} over the users table; every statement is tenant-scoped. */
@Repository
@Transactional(readOnly = true)
class JdbcUserDirectory implements UserDirectory {

    private static final String SUMMARY = "SELECT id, username, full_name, active FROM users ";

    private final JdbcClient jdbc;

    JdbcUserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UserSummary> find(TenantId tenant, UUID userId) {
        return jdbc.sql(SUMMARY + "WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", userId)
                .query(JdbcUserDirectory::summary)
                .optional();
    }

    @Override
    public Optional<UserSummary> findByUsername(TenantId tenant, String username) {
        return jdbc.sql(SUMMARY + "WHERE tenant_id = :t AND lower(username) = lower(:u)")
                .param("t", tenant.value())
                .param("u", username)
                .query(JdbcUserDirectory::summary)
                .optional();
    }

    @Override
    public Map<UUID, UserSummary> findAll(TenantId tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(SUMMARY + "WHERE tenant_id = :t AND id = ANY (:ids)")
                .param("t", tenant.value())
                .param("ids", ids.stream().distinct().toArray(UUID[]::new))
                .query(JdbcUserDirectory::summary)
                .list()
                .stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }

    @Override
    public List<UserSummary> active(TenantId tenant, int limit) {
        return jdbc.sql(SUMMARY
                        + "WHERE tenant_id = :t AND active ORDER BY lower(full_name), lower(username) LIMIT :limit")
                .param("t", tenant.value())
                .param("limit", limit)
                .query(JdbcUserDirectory::summary)
                .list();
    }

    @Override
    public List<UserContact> reachableWithRole(TenantId tenant, String roleCode) {
        return jdbc.sql("""
                SELECT u.id, u.full_name, u.email, u.language FROM users u
                WHERE u.tenant_id = :t AND u.active AND u.email IS NOT NULL AND u.email <> ''
                  AND EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                              WHERE ur.user_id = u.id AND ur.tenant_id = :t AND r.code = :role)
                ORDER BY lower(u.full_name), u.id
                """)
                .param("t", tenant.value())
                .param("role", roleCode)
                .query((rs, row) -> new UserContact(
                        rs.getObject("id", UUID.class),
                        rs.getString("full_name"),
                        rs.getString("email"),
                        rs.getString("language")))
                .list();
    }

    private static UserSummary summary(ResultSet rs, int row) throws SQLException {
        return new UserSummary(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("full_name"),
                rs.getBoolean("active"));
    }
}
