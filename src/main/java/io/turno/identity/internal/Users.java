package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's users as the admin screens and API see them; every statement is tenant-scoped. */
@Repository
class Users {

    private static final String VIEW = """
            SELECT u.id, u.username, u.email, u.full_name, u.active, u.locked_until, u.last_login_at, u.created_at,
                   u.updated_at, u.language,
                   coalesce((SELECT array_agg(r.code ORDER BY r.code) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                             WHERE ur.user_id = u.id), '{}') AS roles
            FROM users u
            """;

    private final JdbcClient jdbc;

    private final SessionCache openSessions;

    Users(JdbcClient jdbc, SessionCache openSessions) {
        this.jdbc = jdbc;
        this.openSessions = openSessions;
    }

    PageResult<UsersService.UserView> page(
            TenantId tenant, String search, String role, Boolean active, int page, int size) {
        String where = """
                WHERE u.tenant_id = :tenant
                  AND (CAST(:search AS text) IS NULL OR u.username ILIKE '%' || :search || '%'
                       OR u.full_name ILIKE '%' || :search || '%' OR u.email ILIKE '%' || :search || '%')
                  AND (CAST(:active AS boolean) IS NULL OR u.active = :active)
                  AND (CAST(:role AS text) IS NULL OR EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                                                           WHERE ur.user_id = u.id AND r.code = :role))
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("search", Like.text(search));
        params.put("active", active);
        params.put("role", role);
        long total = jdbc.sql("SELECT count(*) FROM users u " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(u.username) LIMIT :limit OFFSET :offset")
                .params(params)
                .query(Users::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<UsersService.UserView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE u.tenant_id = :tenant AND u.id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(Users::view)
                .optional();
    }

    boolean usernameTaken(TenantId tenant, String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = :tenant AND lower(username) = lower(:u))")
                .param("tenant", tenant.value())
                .param("u", username)
                .query(Boolean.class)
                .single();
    }

    /**
     * Whether another user of the tenant than {@code except} (null: any) signs in with {@code login},
     * as their username or their email: sign-in takes either, so each names one account.
     */
    boolean signsInAs(TenantId tenant, String login, UUID except) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM users WHERE tenant_id = :tenant
                            AND (CAST(:except AS uuid) IS NULL OR id <> :except)
                            AND (lower(username) = lower(:login) OR lower(email) = lower(:login)))
                        """)
                .param("tenant", tenant.value())
                .param("except", except)
                .param("login", login)
                .query(Boolean.class)
                .single();
    }

    /** Role ids by code, for the codes that exist in the tenant. */
    Map<String, UUID> roleIds(TenantId tenant, Set<String> codes) {
        Map<String, UUID> ids = new HashMap<>();
        jdbc.sql("SELECT code, id FROM roles WHERE tenant_id = :tenant AND code = ANY(:codes)")
                .param("tenant", tenant.value())
                .param("codes", codes.toArray(String[]::new))
                .query(rs -> {
                    ids.put(rs.getString("code"), rs.getObject("id", UUID.class));
                });
        return ids;
    }

    void insert(
            TenantId tenant,
            UUID id,
            String username,
            String fullName,
            String email,
            String passwordHash,
            boolean active,
            String language) {
        jdbc.sql("""
                INSERT INTO users (id, tenant_id, username, full_name, email, password_hash, active, language)
                VALUES (:id, :tenant, :username, :fullName, :email, :hash, :active, :language)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("username", username)
                .param("fullName", fullName)
                .param("email", email)
                .param("hash", passwordHash)
                .param("active", active)
                .param("language", language)
                .update();
    }

    /** {@code language} es or en (the column refuses anything else). */
    void update(TenantId tenant, UUID id, String fullName, String email, boolean active, String language) {
        jdbc.sql("""
                UPDATE users SET full_name = :fullName, email = :email, active = :active, language = :language,
                       updated_at = now()
                WHERE id = :id AND tenant_id = :tenant
                """)
                .param("fullName", fullName)
                .param("email", email)
                .param("active", active)
                .param("language", language)
                .param("id", id)
                .param("tenant", tenant.value())
                .update();
        openSessions.forgetUserAfterCommit(id);
    }

    void setPassword(TenantId tenant, UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id AND tenant_id = :tenant")
                .param("hash", passwordHash)
                .param("id", id)
                .param("tenant", tenant.value())
                .update();
    }

    void replaceRoles(TenantId tenant, UUID userId, Iterable<UUID> roleIds) {
        jdbc.sql("DELETE FROM user_roles WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", userId)
                .update();
        for (UUID roleId : roleIds) {
            jdbc.sql("INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (:tenant, :user, :role)")
                    .param("tenant", tenant.value())
                    .param("user", userId)
                    .param("role", roleId)
                    .update();
        }
        openSessions.forgetUserAfterCommit(userId);
    }

    private static UsersService.UserView view(ResultSet rs, int row) throws SQLException {
        return new UsersService.UserView(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("full_name"),
                rs.getBoolean("active"),
                new TreeSet<>(Arrays.asList((String[]) rs.getArray("roles").getArray())),
                instant(rs.getTimestamp("locked_until")),
                instant(rs.getTimestamp("last_login_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                rs.getString("language"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
