package io.turno.notifications.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.notifications.internal.Templates.TemplateView;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_templates} table: one template per tenant, code, channel and language. */
@Repository
class TemplateStore {

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<TemplateView> page(TenantId tenant, String code, Channel channel, String language, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:code AS text) IS NULL OR code = :code)
                  AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                  AND (CAST(:language AS text) IS NULL OR language = :language)
                """;
        var items = jdbc.sql("SELECT * FROM notification_templates " + where
                        + " ORDER BY code, channel, language LIMIT :limit OFFSET :offset")
                .param("t", tenant.value())
                .param("code", code)
                .param("channel", channel == null ? null : channel.name())
                .param("language", language)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(TemplateStore::view)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM notification_templates " + where)
                .param("t", tenant.value())
                .param("code", code)
                .param("channel", channel == null ? null : channel.name())
                .param("language", language)
                .query(Long.class)
                .single();
        return new PageResult<>(items, page, size, total);
    }

    Optional<TemplateView> find(TenantId tenant, String code, Channel channel, String language) {
        return jdbc.sql("""
                SELECT * FROM notification_templates
                WHERE tenant_id = :t AND code = :code AND channel = :channel AND language = :language
                """)
                .param("t", tenant.value())
                .param("code", code)
                .param("channel", channel.name())
                .param("language", language)
                .query(TemplateStore::view)
                .optional();
    }

    Optional<TemplateView> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM notification_templates WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(TemplateStore::view)
                .optional();
    }

    private static final String INSERT = """
            INSERT INTO notification_templates (id, tenant_id, code, channel, language, subject, body, variables)
            VALUES (:id, :t, :code, :channel, :language, :subject, :body, :variables)
            """;

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the tenant has this code, channel and language. */
    void insert(
            TenantId tenant,
            UUID id,
            String code,
            Channel channel,
            String language,
            String subject,
            String body,
            List<String> variables) {
        write(INSERT, tenant, id, code, channel, language, subject, body, variables);
    }

    /** Like {@link #insert}, but keeps the template the tenant already has, as edited. */
    void insertIfAbsent(
            TenantId tenant,
            String code,
            Channel channel,
            String language,
            String subject,
            String body,
            List<String> variables) {
        write(
                INSERT + "ON CONFLICT (tenant_id, code, channel, language) DO NOTHING",
                tenant,
                UUID.randomUUID(),
                code,
                channel,
                language,
                subject,
                body,
                variables);
    }

    private void write(
            String sql,
            TenantId tenant,
            UUID id,
            String code,
            Channel channel,
            String language,
            String subject,
            String body,
            List<String> variables) {
        jdbc.sql(sql)
                .param("id", id)
                .param("t", tenant.value())
                .param("code", code)
                .param("channel", channel.name())
                .param("language", language)
                .param("subject", subject)
                .param("body", body)
                .param("variables", variables.toArray(String[]::new))
                .update();
    }

    void update(TenantId tenant, UUID id, String subject, String body, List<String> variables) {
        jdbc.sql("""
                UPDATE notification_templates SET subject = :subject, body = :body, variables = :variables,
                       updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("subject", subject)
                .param("body", body)
                .param("variables", variables.toArray(String[]::new))
                .update();
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("DELETE FROM notification_templates WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .update();
    }

    private static TemplateView view(ResultSet rs, int n) throws SQLException {
        Array variables = rs.getArray("variables");
        return new TemplateView(
                rs.getObject("id", UUID.class),
                rs.getString("code"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("language"),
                rs.getString("subject"),
                rs.getString("body"),
                Arrays.asList((String[]) variables.getArray()));
    }
}
