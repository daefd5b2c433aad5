package io.turno.notifications.internal;

import java.util.ArrayList;
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
import io.turno.shared.Invalid;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/** Templates per tenant, channel and language, with {@code {{variable}}} placeholders. */
@Service
public class Templates {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]*)\\s*}}");

    public record TemplateView(
            UUID id,
            String code,
            Channel channel,
            String language,
            @Nullable String subject,
            String body,
            List<String> variables) {}

    public record TemplateCommand(
            String code, Channel channel, String language, String subject, String body, List<String> variables) {}

    private final TemplateStore store;
    private final AuditLog audit;

    Templates(TemplateStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<TemplateView> list(
            Actor caller, String code, Channel channel, String language, int page, int size) {
        return store.page(caller.tenantId(), code, channel, language, page, size);
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
            store.insert(
                    caller.tenantId(),
                    id,
                    command.code(),
                    command.channel(),
                    command.language(),
                    command.subject(),
                    command.body(),
                    command.variables());
        } catch (DuplicateKeyException e) {
            var invalid = new Invalid();
            invalid.reject(
                    "code",
                    "Ya existe una plantilla " + command.code() + " para " + command.channel() + " en "
                            + command.language());
            invalid.throwIfAny();
        }
        var created = find(caller.tenantId(), id);
        audit.record(AuditEntry.by(
                caller,
                "CREATE",
                "notification_template",
                id.toString(),
                Map.of("code", created.code(), "channel", created.channel(), "language", created.language())));
        return created;
    }

    @Transactional(rollbackFor = BindException.class)
    public TemplateView update(Actor caller, UUID id, TemplateCommand command) throws BindException {
        var before = find(caller.tenantId(), id);
        check(command);
        store.update(caller.tenantId(), id, command.subject(), command.body(), command.variables());
        var after = find(caller.tenantId(), id);
        audit.record(AuditEntry.by(
                caller,
                "UPDATE",
                "notification_template",
                id.toString(),
                AuditEntry.change(before.body(), after.body())));
        return after;
    }

    @Transactional
    public void delete(Actor caller, UUID id) {
        var before = find(caller.tenantId(), id);
        store.delete(caller.tenantId(), id);
        audit.record(
                AuditEntry.by(caller, "DELETE", "notification_template", id.toString(), Map.of("code", before.code())));
    }

    Optional<TemplateView> find(TenantId tenant, String code, Channel channel, String language) {
        return store.find(tenant, code, channel, language);
    }

    private TemplateView find(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFound("Plantilla", id));
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
        if (command.channel() == Channel.EMAIL
                && (command.subject() == null || command.subject().isBlank())) {
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

    /** A template's subject and body as a message made from it reads. */
    public record Rendered(String subject, String body) {}

    /**
     * The subject and body rendered as a notification renders them, with {@code samples} for the
     * variables; a variable without a sample stays as its {@code {{placeholder}}}, so the reader sees
     * where it goes. Nothing is stored.
     */
    public Rendered preview(String subject, String body, Map<String, String> samples) {
        return new Rendered(render(subject, samples), render(body, samples));
    }

    /** Replaces each {@code {{name}}} with its value; unknown names are left as they are. */
    static String render(String text, Map<String, String> variables) {
        if (text == null) {
            return null;
        }
        return PLACEHOLDER
                .matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
    }
}
