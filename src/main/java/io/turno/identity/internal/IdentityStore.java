package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.turno.identity.CurrentUser;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants, roles and users as rows; the identity module's one door to its tables. */
@Repository
class IdentityStore {

    private final JdbcClient jdbc;

    IdentityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record LoginAccount(
            UUID userId,
            TenantId tenantId,
            String tenantSlug,
            boolean tenantActive,
            String username,
            String fullName,
            String passwordHash,
            boolean active,
            Instant lockedUntil,
            Set<String> roles,
            Set<String> permissions,
            String email,
            Instant createdAt) {

        LoginAccount withGrants(Set<String> roles, Set<String> permissions) {
            return new LoginAccount(
                    userId,
                    tenantId,
                    tenantSlug,
                    tenantActive,
                    username,
                    fullName,
                    passwordHash,
                    active,
                    lockedUntil,
                    roles,
                    permissions,
                    email,
                    createdAt);
        }

        CurrentUser toCurrentUser() {
            return new CurrentUser(
                    userId, tenantId, tenantSlug, username, fullName, roles, permissions, email, createdAt);
        }
    }

    boolean anyOrdinaryTenant() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenants WHERE NOT platform)")
                .query(Boolean.class)
                .single();
    }

    Optional<TenantId> tenantBySlug(String slug) {
        return jdbc.sql("SELECT id FROM tenants WHERE slug = :slug")
                .param("slug", slug)
                .query((rs, n) -> new TenantId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** Active tenants whose settings say {@code "self_registration": true}. */
    boolean selfRegistrationOpen(TenantId tenant) {
        return jdbc.sql("""
                SELECT active AND coalesce(jsonb_typeof(settings -> 'self_registration') = 'boolean'
                                           AND (settings ->> 'self_registration')::boolean, false)
                FROM tenants WHERE id = :id
                """)
                .param("id", tenant.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    TenantId createTenant(String slug, String name, String timeZone, boolean platform) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, slug, name, time_zone, platform) VALUES (:id, :slug, :name, :tz, :platform)")
                .param("id", id)
                .param("slug", slug)
                .param("name", name)
                .param("tz", timeZone)
                .param("platform", platform)
                .update();
        return new TenantId(id);
    }

    /** One key of the organization's settings JSON, written as given (the demo opens self-registration). */
    void putSetting(TenantId tenant, String key, boolean value) {
        jdbc.sql("UPDATE tenants SET settings = settings || jsonb_build_object(CAST(:key AS text), :value),"
                        + " updated_at = now() WHERE id = :id")
                .param("key", key)
                .param("value", value)
                .param("id", tenant.value())
                .update();
    }

    /** Claims the permissions not granted before; only the instance whose insert wins gets them back. */
    java.util.List<String> claimNewPermissions(Set<String> permissions) {
        return jdbc.sql("""
                INSERT INTO identity_known_permissions (permission) SELECT unnest(:permissions)
                ON CONFLICT DO NOTHING RETURNING permission
                """)
                .param("permissions", permissions.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Adds {@code permission} to the built-in role {@code code} of every tenant that lacks it. */
    int grantToBuiltInRoles(String code, String permission) {
        return jdbc.sql("""
                UPDATE roles SET permissions = array_append(permissions, :permission), updated_at = now()
                WHERE built_in AND code = :code AND NOT (:permission = ANY (permissions))
                """).param("code", code).param("permission", permission).update();
    }

    UUID createRole(TenantId tenant, String code, String name, boolean builtIn, Set<String> permissions) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO roles (id, tenant_id, code, name, built_in, permissions)
                VALUES (:id, :tenant, :code, :name, :builtIn, :permissions)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("code", code)
                .param("name", name)
                .param("builtIn", builtIn)
                .param("permissions", permissions.stream().sorted().toArray(String[]::new))
                .update();
        return id;
    }

    UUID createUser(TenantId tenant, String username, String fullName, String email, String passwordHash, UUID roleId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO users (id, tenant_id, username, full_name, email, password_hash)
                VALUES (:id, :tenant, :username, :fullName, :email, :hash)
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .param("username", username)
                .param("fullName", fullName)
                .param("email", email)
                .param("hash", passwordHash)
                .update();
        jdbc.sql("INSERT INTO user_roles (tenant_id, user_id, role_id) VALUES (:tenant, :user, :role)")
                .param("tenant", tenant.value())
                .param("user", id)
                .param("role", roleId)
                .update();
        return id;
    }

    private static final String USER_COLUMNS = """
            SELECT u.id, u.tenant_id, t.slug, t.active AS tenant_active, u.username, u.full_name, u.email, u.created_at,
                   u.password_hash, u.active, u.failed_logins, u.locked_until
            """;

    private static final String GRANT_COLUMNS = """
                   coalesce((SELECT array_agg(r.code) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                             WHERE ur.user_id = u.id), '{}') AS roles,
                   coalesce((SELECT array_agg(DISTINCT p) FROM (
                                SELECT unnest(r.permissions) AS p FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                                WHERE ur.user_id = u.id
                                UNION SELECT up.permission FROM user_permissions up WHERE up.user_id = u.id) x),
                            '{}') AS permissions
            """;

    private static final String ACCOUNT =
            USER_COLUMNS + ", " + GRANT_COLUMNS + " FROM users u JOIN tenants t ON t.id = u.tenant_id";

    record SessionAccount(LoginAccount account, Instant lastSeenAt) {}

    /** A user's roles and permissions as they were at the tenant's {@code acl_version}. */
    private record Grants(long aclVersion, Set<String> roles, Set<String> permissions) {}

    /** Enough for every user active on an instance; past it the cache starts again rather than grow. */
    private static final int GRANTS_CACHED_UP_TO = 20_000;

    private final Map<UUID, Grants> grants = new ConcurrentHashMap<>();

    /**
     * The account behind an open session, and the session marked seen (at most every
     * {@link SessionCache#SEEN_EVERY}, unless it is already idle), in one statement: this runs on
     * every authenticated request this instance has not checked lately. The user's roles
     * and permissions come from memory while the tenant's {@code acl_version} has not moved (any
     * change to roles or grants moves it, see {@code V7__identity_acl_version.sql}).
     */
    Optional<SessionAccount> touchSession(
            TenantId tenant, UUID sessionId, UUID userId, Instant idleCutoff, Instant now) {
        return jdbc.sql("""
                WITH seen AS (
                    UPDATE user_sessions SET last_seen_at = :now
                    WHERE id = :session AND tenant_id = :tenant AND user_id = :user AND ended_at IS NULL
                      AND last_seen_at > :cutoff AND last_seen_at < :stale
                    RETURNING id)
                """ + USER_COLUMNS + """
                    , t.acl_version, s.last_seen_at
                FROM user_sessions s JOIN users u ON u.id = s.user_id JOIN tenants t ON t.id = u.tenant_id
                WHERE s.id = :session AND s.tenant_id = :tenant AND s.user_id = :user AND s.ended_at IS NULL
                """)
                .param("session", sessionId)
                .param("tenant", tenant.value())
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .param("cutoff", Timestamp.from(idleCutoff))
                .param("stale", Timestamp.from(now.minus(SessionCache.SEEN_EVERY)))
                .query((rs, n) -> new Seen(
                        loginAccount(rs, Set.of(), Set.of()),
                        rs.getLong("acl_version"),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .optional()
                // Once the statement has given its connection back: reading the grants takes another.
                .map(seen -> {
                    var held = grants(tenant, userId, seen.aclVersion());
                    return new SessionAccount(
                            seen.account().withGrants(held.roles(), held.permissions()), seen.lastSeenAt());
                });
    }

    private record Seen(LoginAccount account, long aclVersion, Instant lastSeenAt) {}

    /**
     * Read after the version they are filed under, so a change committed in between is at worst
     * read again on the next request, never missed.
     */
    private Grants grants(TenantId tenant, UUID userId, long aclVersion) {
        var held = grants.get(userId);
        if (held != null && held.aclVersion() == aclVersion) {
            return held;
        }
        var read = jdbc.sql("SELECT " + GRANT_COLUMNS + " FROM users u WHERE u.id = :id AND u.tenant_id = :tenant")
                .param("id", userId)
                .param("tenant", tenant.value())
                .query((rs, n) -> new Grants(aclVersion, textSet(rs, "roles"), textSet(rs, "permissions")))
                .single();
        if (grants.size() >= GRANTS_CACHED_UP_TO) {
            grants.clear();
        }
        grants.put(userId, read);
        return read;
    }

    /**
     * The account a sign-in names: the user with that username or, when none has it, the one user
     * whose email it is. Emails are unique per organization (migration V11) and no username may be
     * another account's email ({@code UsersService}); the rules below still hold for rows older than
     * that check (a username equal to another's email: the username wins; an email two rows share:
     * nobody, answered as an unknown name, so what is typed never tells how many accounts have it).
     */
    Optional<LoginAccount> loginAccount(TenantId tenant, String login) {
        return jdbc.sql(ACCOUNT + """
                 WHERE u.tenant_id = :tenant
                   AND (lower(u.username) = lower(:login)
                        OR (lower(u.email) = lower(:login)
                            AND NOT EXISTS (SELECT 1 FROM users o WHERE o.tenant_id = u.tenant_id AND o.id <> u.id
                                            AND lower(o.email) = lower(:login))))
                 ORDER BY lower(u.username) = lower(:login) DESC
                 LIMIT 1
                """)
                .param("tenant", tenant.value())
                .param("login", login)
                .query(IdentityStore::loginAccount)
                .optional();
    }

    /** The account as it is now, for a request carrying a token of it. */
    Optional<LoginAccount> account(TenantId tenant, UUID userId) {
        return jdbc.sql(ACCOUNT + " WHERE u.id = :id AND u.tenant_id = :tenant")
                .param("id", userId)
                .param("tenant", tenant.value())
                .query(IdentityStore::loginAccount)
                .optional();
    }

    /** Counts a failed password; the {@code maxFailures}-th one locks the account until {@code lockedUntil}. */
    boolean recordFailure(TenantId tenant, UUID userId, int maxFailures, Instant lockedUntil) {
        return jdbc.sql("""
                UPDATE users SET
                    failed_logins = CASE WHEN failed_logins + 1 >= :max THEN 0 ELSE failed_logins + 1 END,
                    locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE locked_until END,
                    updated_at = now()
                WHERE id = :id AND tenant_id = :tenant
                RETURNING locked_until IS NOT DISTINCT FROM :until
                """)
                .param("id", userId)
                .param("tenant", tenant.value())
                .param("max", maxFailures)
                .param("until", Timestamp.from(lockedUntil))
                .query(Boolean.class)
                .single();
    }

    void changePassword(TenantId tenant, UUID userId, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id AND tenant_id = :tenant")
                .param("hash", passwordHash)
                .param("id", userId)
                .param("tenant", tenant.value())
                .update();
    }

    void recordLogin(TenantId tenant, UUID userId) {
        jdbc.sql("""
                UPDATE users SET last_login_at = now(), failed_logins = 0, locked_until = NULL
                WHERE id = :id AND tenant_id = :tenant
                """).param("id", userId).param("tenant", tenant.value()).update();
    }

    private static LoginAccount loginAccount(ResultSet rs, int row) throws SQLException {
        return loginAccount(rs, textSet(rs, "roles"), textSet(rs, "permissions"));
    }

    private static LoginAccount loginAccount(ResultSet rs, Set<String> roles, Set<String> permissions)
            throws SQLException {
        return new LoginAccount(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("slug"),
                rs.getBoolean("tenant_active"),
                rs.getString("username"),
                rs.getString("full_name"),
                rs.getString("password_hash"),
                rs.getBoolean("active"),
                Optional.ofNullable(rs.getTimestamp("locked_until"))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                roles,
                permissions,
                rs.getString("email"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Set<String> textSet(ResultSet rs, String column) throws SQLException {
        return Set.copyOf(
                new HashSet<>(Arrays.asList((String[]) rs.getArray(column).getArray())));
    }
}
