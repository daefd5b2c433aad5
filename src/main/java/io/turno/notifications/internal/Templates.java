package io.turno.notifications.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/** Templates per tenant, channel and language, with {@code {{variable}}} placeholders. */
@Service
public class Templates {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]*)\\s*}}");

    public record TemplateView(UUID id, String code, Channel channel, String language, String subject, String body,
                               List<String> variables) {
    }

    public record TemplateCommand(String code, Channel channel, String language, String subject, String body,
                                  List<String> variables) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    Templates(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<TemplateView> list(Actor caller, String code, Channel channel, String language, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:code AS text) IS NULL OR code = :code)
                  AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                  AND (CAST(:language AS text) IS NULL OR language = :language)
                """;
        var items = jdbc.sql("SELECT * FROM notification_templates " + where
                        + " ORDER BY code, channel, language LIMIT :limit OFFSET :offset")
                .param("t", caller.tenantId().value()).param("code", code)
                .param("channel", channel == null ? null : channel.name()).param("language", language)
                .param("limit", size).param("offset", (long) page * size)
                .query(Templates::view).list();
        long total = jdbc.sql("SELECT count(*) FROM notification_templates " + where)
                .param("t", caller.tenantId().value()).param("code", code)
                .param("channel", channel == null ? null : channel.name()).param("language", language)
                .query(Long.class).single();
        return new PageResult<>(items, page, size, total);
    }

    @Transactional(readOnly = true)
    public TemplateView get(Actor caller, UUID id) {
        return find(caller.tenantId(), id);
    }

    @Transactional(rollbackFor = BindException.class)
    public TemplateView create(Actor caller, TemplateCommand command) throws BindException {
        check(command);
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO notification_templates (id, tenant_id, code, channel, language, subject, body, variables)
                    VALUES (:id, :t, :code, :channel, :language, :subject, :body, :variables)
                    """)
                    .param("id", id).param("t", caller.tenantId().value()).param("code", command.code())
                    .param("channel", command.channel().name()).param("language", command.language())
                    .param("subject", command.subject()).param("body", command.body())
                    .param("variables", command.variables().toArray(String[]::new)).update();
        } catch (DuplicateKeyException e) {
            var invalid = new Invalid();
            invalid.reject("code", "Ya existe una plantilla " + command.code() + " para " + command.channel()
                    + " en " + command.language());
            invalid.throwIfAny();
        }
        var created = find(caller.tenantId(), id);
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "CREATE",
                "notification_template", id.toString(), Map.of("code", created.code(), "channel", created.channel(),
                "language", created.language())));
        return created;
    }

    @Transactional(rollbackFor = BindException.class)
    public TemplateView update(Actor caller, UUID id, TemplateCommand command) throws BindException {
        var before = find(caller.tenantId(), id);
        check(command);
        jdbc.sql("""
                UPDATE notification_templates SET subject = :subject, body = :body, variables = :variables,
                       updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id).param("t", caller.tenantId().value()).param("subject", command.subject())
                .param("body", command.body()).param("variables", command.variables().toArray(String[]::new))
                .update();
        var after = find(caller.tenantId(), id);
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "UPDATE",
                "notification_template", id.toString(), AuditEntry.change(before.body(), after.body())));
        return after;
    }

    @Transactional
    public void delete(Actor caller, UUID id) {
        var before = find(caller.tenantId(), id);
        jdbc.sql("DELETE FROM notification_templates WHERE tenant_id = :t AND id = :id")
                .param("t", caller.tenantId().value()).param("id", id).update();
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "DELETE",
                "notification_template", id.toString(), Map.of("code", before.code())));
    }

    Optional<TemplateView> find(TenantId tenant, String code, Channel channel, String language) {
        return jdbc.sql("""
                SELECT * FROM notification_templates
                WHERE tenant_id = :t AND code = :code AND channel = :channel AND language = :language
                """)
                .param("t", tenant.value()).param("code", code).param("channel", channel.name())
                .param("language", language).query(Templates::view).optional();
    }

    private TemplateView find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM notification_templates WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value()).param("id", id).query(Templates::view).optional()
                .orElseThrow(() -> new NotFound("Plantilla", id));
    }

    /** Every placeholder of the subject and body must be a declared variable. */
    private static void check(TemplateCommand command) throws BindException {
        var invalid = new Invalid();
        var used = new LinkedHashSet<String>(placeholders(command.body()));
        if (command.subject() != null) {
            used.addAll(placeholders(command.subject()));
        }
        used.removeAll(command.variables());
        if (!used.isEmpty()) {
            invalid.reject("variables", "Variables usadas y no declaradas: " + String.join(", ", used));
        }
        if (command.channel() == Channel.EMAIL && (command.subject() == null || command.subject().isBlank())) {
            invalid.reject("subject", "Una plantilla de correo necesita asunto");
        }
        invalid.throwIfAny();
    }

    static List<String> placeholders(String text) {
        var names = new ArrayList<String>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces each {@code {{name}}} with its value; unknown names are left as they are. */
    static String render(String text, Map<String, String> variables) {
        if (text == null) {
            return null;
        }
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                variables.getOrDefault(m.group(1), m.group())));
    }

    private static TemplateView view(ResultSet rs, int n) throws SQLException {
        Array variables = rs.getArray("variables");
        return new TemplateView(rs.getObject("id", UUID.class), rs.getString("code"),
                Channel.valueOf(rs.getString("channel")), rs.getString("language"), rs.getString("subject"),
                rs.getString("body"), Arrays.asList((String[]) variables.getArray()));
    }
}
