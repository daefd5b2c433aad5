package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.identity.internal.TenantsService.TenantView;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import io.turno.web.TenantConventions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The platform's tenants table, as the SUPER_ADMIN sees it. */
@Repository
class Tenants implements io.turno.identity.TenantDirectory, TenantConventions {

    private static final String VIEW = """
            SELECT t.id, t.slug, t.name, t.time_zone, t.locale, t.currency, t.active, t.platform, t.settings::text AS settings,
                   t.created_at, t.updated_at,
                   (SELECT count(*) FROM users u WHERE u.tenant_id = t.id AND u.active) AS active_users
            FROM tenants t
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final SessionCache openSessions;
    private final SettingsChanges settingsChanges;
    /** Read on every page that writes money or a moment; a change of zone or currency evicts it. */
    private final SettingsCache<Optional<Conventions>> conventions;

    Tenants(JdbcClient jdbc, JsonMapper json, SessionCache openSessions, SettingsChanges settingsChanges) {
        this.jdbc = jdbc;
        this.json = json;
        this.openSessions = openSessions;
        this.settingsChanges = settingsChanges;
        this.conventions = settingsChanges.cache(Duration.ofMinutes(10), SettingsChanges.TENANT);
    }

    @Override
    public Optional<Conventions> of(TenantId tenant) {
        return conventions.get(
                tenant,
                id -> jdbc.sql("SELECT time_zone, currency FROM tenants WHERE id = :id")
                        .param("id", id.value())
                        .query((rs, row) -> new Conventions(
                                ZoneId.of(rs.getString("time_zone")),
                                rs.getString("currency").strip()))
                        .optional());
    }

    PageResult<TenantView> page(String search, Boolean active, int page, int size) {
        String where = """
                WHERE (CAST(:search AS text) IS NULL OR t.slug ILIKE '%' || :search || '%' OR t.name ILIKE '%' || :search || '%')
                  AND (CAST(:active AS boolean) IS NULL OR t.active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("search", Like.text(search));
        params.put("active", active);
        long total = jdbc.sql("SELECT count(*) FROM tenants t " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY t.platform DESC, t.slug LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    @Override
    public java.util.List<TenantSummary> tenants() {
        return jdbc.sql("SELECT id, slug, time_zone, active, name FROM tenants WHERE NOT platform ORDER BY slug")
                .query(Tenants::summary)
                .list();
    }

    @Override
    public Optional<TenantSummary> summary(io.turno.shared.TenantId tenant) {
        return jdbc.sql("SELECT id, slug, time_zone, active, name FROM tenants WHERE id = :id AND NOT platform")
                .param("id", tenant.value())
                .query(Tenants::summary)
                .optional();
    }

    @Override
    public Optional<TenantSummary> bySlug(String slug) {
        if (slug == null || slug.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, slug, time_zone, active, name FROM tenants WHERE slug = :slug AND NOT platform")
                .param("slug", slug.strip().toLowerCase(java.util.Locale.ROOT))
                .query(Tenants::summary)
                .optional();
    }

    @Override
    public Optional<String> setting(io.turno.shared.TenantId tenant, String key) {
        return jdbc
                .sql("SELECT settings ->> :key FROM tenants WHERE id = :id")
                .param("key", key)
                .param("id", tenant.value())
                .query(String.class)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private static TenantSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TenantSummary(
                new io.turno.shared.TenantId(rs.getObject("id", UUID.class)),
                rs.getString("slug"),
                java.time.ZoneId.of(rs.getString("time_zone")),
                rs.getBoolean("active"),
                rs.getString("name"));
    }

    Optional<TenantView> find(UUID id) {
        return jdbc.sql(VIEW + " WHERE t.id = :id")
                .param("id", id)
                .query(this::view)
                .optional();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM tenants WHERE slug = :slug)")
                .param("slug", slug)
                .query(Boolean.class)
                .single();
    }

    void update(
            UUID id,
            String name,
            String timeZone,
            String locale,
            String currency,
            Map<String, Object> settings,
            boolean active) {
        jdbc.sql("""
                UPDATE tenants SET name = :name, time_zone = :tz, locale = :locale, currency = :currency,
                       settings = CAST(:settings AS jsonb), active = :active, updated_at = now()
                WHERE id = :id
                """)
                .param("id", id)
                .param("name", name)
                .param("tz", timeZone)
                .param("locale", locale)
                .param("currency", currency)
                .param("settings", json.writeValueAsString(settings))
                .param("active", active)
                .update();
        openSessions.forgetTenantAfterCommit(new TenantId(id));
        settingsChanges.changed(SettingsChanges.TENANT, new TenantId(id));
    }

    private TenantView view(ResultSet rs, int row) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = json.readValue(rs.getString("settings"), Map.class);
        return new TenantView(
                rs.getObject("id", UUID.class),
                rs.getString("slug"),
                rs.getString("name"),
                rs.getString("time_zone"),
                rs.getString("locale"),
                rs.getString("currency"),
                rs.getBoolean("active"),
                rs.getBoolean("platform"),
                settings,
                rs.getLong("active_users"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
