package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.BindException;
import tools.jackson.databind.json.JsonMapper;

/** Creating, reading, cancelling and re-sending notifications; sending is the {@link Dispatcher}'s. */
@Service
public class NotificationService {

    /** {@code whatsappOptIn}: the recipient agreed to WhatsApp messages (or the case's party with this phone did). */
    public record Recipient(String name, String email, String phone, Boolean whatsappOptIn) {
    }

    public record NotificationCommand(UUID caseId, Recipient recipient, Channel channel, String templateCode,
                                      String language, Map<String, String> variables, String subject, String body,
                                      List<Channel> fallbackChannels, Instant sendAt) {
    }

    public record AttemptView(int number, Channel channel, String provider, String outcome, Instant startedAt,
                              Instant finishedAt, Long latencyMs, String error, String providerMessageId,
                              String deliveryStatus) {
    }

    public record NotificationView(UUID id, UUID caseId, Channel channel, List<Channel> fallbackChannels,
                                   Recipient recipient, String templateCode, String language, String subject,
                                   String body, NotificationStatus status, int attempts, Instant sendAt,
                                   Instant nextAttemptAt, String lastError, String messageId, Instant sentAt,
                                   Instant deliveredAt, Instant createdAt, List<AttemptView> history) {

        NotificationView withHistory(List<AttemptView> history) {
            return new NotificationView(id, caseId, channel, fallbackChannels, recipient, templateCode, language,
                    subject, body, status, attempts, sendAt, nextAttemptAt, lastError, messageId, sentAt, deliveredAt,
                    createdAt, history);
        }
    }

    public record NotificationQuery(UUID caseId, NotificationStatus status, Channel channel, Instant from, Instant to) {
    }

    /** Cancel or resend asked of a notification in a state that does not allow it: 409. */
    public static final class WrongState extends BusinessException {
        WrongState(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final JdbcClient jdbc;
    private final Templates templates;
    private final Cases cases;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<NotificationJobs> worker;

    NotificationService(JdbcClient jdbc, Templates templates, Cases cases, AuditLog audit, JsonMapper json,
                        Clock clock, ObjectProvider<NotificationJobs> worker) {
        this.worker = worker;
        this.jdbc = jdbc;
        this.templates = templates;
        this.cases = cases;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(rollbackFor = BindException.class)
    public NotificationView create(Actor caller, NotificationCommand command) throws BindException {
        var invalid = new Invalid();
        var recipient = command.recipient();
        List<Channel> fallbacks = command.fallbackChannels() == null ? List.of() : command.fallbackChannels();
        Optional<Cases.CaseView> kase = Optional.empty();
        if (command.caseId() != null) {
            kase = cases.find(caller.tenantId(), command.caseId());
            if (kase.isEmpty()) {
                invalid.reject("case_id", "No existe el proceso " + command.caseId());
            }
        }
        if (fallbacks.contains(command.channel()) || fallbacks.stream().distinct().count() < fallbacks.size()) {
            invalid.reject("fallback_channels", "Cada canal alternativo una vez y distinto del canal principal");
        }
        var channels = new LinkedHashSet<Channel>();
        channels.add(command.channel());
        channels.addAll(fallbacks);
        for (Channel channel : channels) {
            if (channel == Channel.EMAIL && blank(recipient.email())) {
                invalid.reject("recipient.email", "Un correo necesita la dirección del destinatario");
            }
            if (channel != Channel.EMAIL && blank(recipient.phone())) {
                invalid.reject("recipient.phone", "Un mensaje por " + channel + " necesita el teléfono del destinatario");
            }
            if (channel == Channel.WHATSAPP && !blank(recipient.phone()) && !Boolean.TRUE.equals(recipient.whatsappOptIn())
                    && kase.map(c -> !c.optedIn(recipient.phone())).orElse(true)) {
                invalid.reject("recipient.whatsapp_opt_in", "El destinatario no aceptó recibir mensajes por WhatsApp");
            }
        }
        var declared = new ArrayList<Map.Entry<String, String>>();
        String language = command.language() == null ? "es" : command.language();
        Map<String, String> variables = command.variables() == null ? Map.of() : command.variables();
        String subject = command.subject();
        String body = command.body();
        if (!blank(command.templateCode())) {
            var template = templates.find(caller.tenantId(), command.templateCode(), command.channel(), language);
            if (template.isEmpty()) {
                invalid.reject("template_code", "No hay plantilla " + command.templateCode() + " para "
                        + command.channel() + " en " + language);
            } else {
                for (String variable : template.get().variables()) {
                    if (blank(variables.get(variable))) {
                        invalid.reject("variables." + variable, "La plantilla necesita la variable " + variable);
                    } else {
                        declared.add(Map.entry(variable, variables.get(variable)));
                    }
                }
                subject = Templates.render(template.get().subject(), variables);
                body = Templates.render(template.get().body(), variables);
            }
        } else {
            if (blank(body)) {
                invalid.reject("body", "Indique una plantilla o el texto del mensaje");
            }
            if (command.channel() == Channel.EMAIL && blank(subject)) {
                invalid.reject("subject", "Un correo sin plantilla necesita asunto");
            }
        }
        invalid.throwIfAny();

        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant sendAt = command.sendAt() == null || command.sendAt().isBefore(now) ? now : command.sendAt();
        jdbc.sql("""
                INSERT INTO notifications (id, tenant_id, case_id, channel, fallback_channels, recipient_name,
                                           recipient_email, recipient_phone, template_code, language, variables,
                                           subject, body, send_at, next_attempt_at, message_id, created_by,
                                           created_at, updated_at)
                VALUES (:id, :t, :case, :channel, CAST(:fallbacks AS text[]), :name, :email, :phone, :template,
                        :language, CAST(:variables AS jsonb), :subject, :body, :sendAt, :sendAt, :messageId, :by,
                        :now, :now)
                """)
                .param("case", command.caseId())
                .param("fallbacks", "{" + String.join(",", fallbacks.stream().map(Channel::name).toList()) + "}")
                .param("variables", json.writeValueAsString(declared.stream()
                        .map(v -> Map.of("name", v.getKey(), "value", v.getValue())).toList()))
                .param("id", id).param("t", caller.tenantId().value()).param("channel", command.channel().name())
                .param("name", recipient.name()).param("email", recipient.email()).param("phone", recipient.phone())
                .param("template", blank(command.templateCode()) ? null : command.templateCode())
                .param("language", language).param("subject", subject).param("body", body)
                .param("sendAt", Timestamp.from(sendAt)).param("messageId", "<" + id + "@turno>")
                .param("by", caller.userId()).param("now", Timestamp.from(now)).update();
        var summary = new LinkedHashMap<String, Object>();
        summary.put("channel", command.channel().name());
        summary.put("recipient", recipient.name());
        if (command.caseId() != null) {
            summary.put("case_id", command.caseId().toString());
        }
        if (!fallbacks.isEmpty()) {
            summary.put("fallback_channels", fallbacks.stream().map(Channel::name).toList());
        }
        if (!blank(command.templateCode())) {
            summary.put("template_code", command.templateCode());
        }
        var created = get(caller, id);
        // Last: the entry holds the organization's audit chain until this transaction commits.
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "CREATE", "notification",
                id.toString(), summary));
        if (!sendAt.isAfter(now)) {
            wakeWorkerAfterCommit();
        }
        return created;
    }

    @Transactional(readOnly = true)
    public PageResult<NotificationView> list(Actor caller, NotificationQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:case AS uuid) IS NULL OR case_id = :case)
                  AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                """;
        var statement = jdbc.sql("SELECT * FROM notifications " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("SELECT count(*) FROM notifications " + where);
        for (var spec : List.of(statement, count)) {
            spec.param("t", caller.tenantId().value()).param("case", query.caseId())
                    .param("status", query.status() == null ? null : query.status().name())
                    .param("channel", query.channel() == null ? null : query.channel().name())
                    .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                    .param("to", query.to() == null ? null : Timestamp.from(query.to()));
        }
        return new PageResult<>(statement.query(NotificationService::view).list(), page, size,
                count.query(Long.class).single());
    }

    @Transactional(readOnly = true)
    public NotificationView get(Actor caller, UUID id) {
        var notification = jdbc.sql("SELECT * FROM notifications WHERE tenant_id = :t AND id = :id")
                .param("t", caller.tenantId().value()).param("id", id)
                .query(NotificationService::view).optional()
                .orElseThrow(() -> new NotFound("Notificación", id));
        var history = jdbc.sql("""
                SELECT * FROM notification_attempts WHERE tenant_id = :t AND notification_id = :id ORDER BY number
                """)
                .param("t", caller.tenantId().value()).param("id", id)
                .query((rs, n) -> new AttemptView(rs.getInt("number"),
                        rs.getString("channel") == null ? null : Channel.valueOf(rs.getString("channel")),
                        rs.getString("provider"), rs.getString("outcome"), instant(rs, "started_at"),
                        instant(rs, "finished_at"), rs.getObject("latency_ms", Long.class), rs.getString("error"),
                        rs.getString("provider_message_id"), rs.getString("delivery_status")))
                .list();
        return notification.withHistory(history);
    }

    /** PENDING → CANCELLED; anything else is 409. */
    @Transactional
    public NotificationView cancel(Actor caller, UUID id) {
        return change(caller, id, "PENDING", "CANCELLED", "Solo se cancela una notificación pendiente", "CANCEL");
    }

    /** FAILED or CANCELLED → PENDING, due now, with a fresh budget of attempts and the same Message-ID. */
    @Transactional
    public NotificationView resend(Actor caller, UUID id) {
        var before = get(caller, id);
        if (before.status() != NotificationStatus.FAILED && before.status() != NotificationStatus.CANCELLED) {
            throw new WrongState("Solo se reenvía una notificación fallida o cancelada; esta está " + before.status());
        }
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE notifications SET status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_at = NULL,
                       updated_at = :now
                WHERE tenant_id = :t AND id = :id AND status IN ('FAILED', 'CANCELLED')
                """)
                .param("now", Timestamp.from(now)).param("t", caller.tenantId().value()).param("id", id).update();
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "RESEND", "notification",
                id.toString(), AuditEntry.change(before.status().name(), "PENDING")));
        wakeWorkerAfterCommit();
        return get(caller, id);
    }

    /** Due now: this instance's worker starts on it once it is committed (visible), not at its next tick. */
    private void wakeWorkerAfterCommit() {
        NotificationJobs jobs = worker.getIfAvailable();
        if (jobs != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    jobs.wake();
                }
            });
        }
    }

    private NotificationView change(Actor caller, UUID id, String from, String to, String refusal,
                                    String action) {
        var before = get(caller, id);
        int changed = jdbc.sql("""
                UPDATE notifications SET status = :to, updated_at = :now WHERE tenant_id = :t AND id = :id AND status = :from
                """)
                .param("to", to).param("from", from).param("now", Timestamp.from(clock.instant()))
                .param("t", caller.tenantId().value()).param("id", id).update();
        if (changed == 0) {
            throw new WrongState(refusal + "; esta está " + before.status());
        }
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), action, "notification",
                id.toString(), AuditEntry.change(from, to)));
        return get(caller, id);
    }

    private static NotificationView view(ResultSet rs, int n) throws SQLException {
        return new NotificationView(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), channels(rs.getArray("fallback_channels")),
                new Recipient(rs.getString("recipient_name"), rs.getString("recipient_email"),
                        rs.getString("recipient_phone"), null),
                rs.getString("template_code"), rs.getString("language"), rs.getString("subject"), rs.getString("body"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "send_at"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), rs.getString("message_id"),
                instant(rs, "sent_at"), instant(rs, "delivered_at"), instant(rs, "created_at"), null);
    }

    /** A case's notifications, newest first, each with its attempts. */
    @Transactional(readOnly = true)
    public List<NotificationView> forCase(Actor caller, UUID caseId) {
        return jdbc.sql("SELECT * FROM notifications WHERE tenant_id = :t AND case_id = :case ORDER BY created_at DESC LIMIT 200")
                .param("t", caller.tenantId().value()).param("case", caseId)
                .query(NotificationService::view).list().stream()
                .map(n -> get(caller, n.id())).toList();
    }

    static List<Channel> channels(java.sql.Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(Channel::valueOf).toList();
    }

    /** The template's variables in their declared order (a WhatsApp template's parameters are positional). */
    static List<Map.Entry<String, String>> variables(JsonMapper json, String stored) {
        if (stored == null) {
            return List.of();
        }
        var list = new ArrayList<Map.Entry<String, String>>();
        for (var node : json.readTree(stored)) {
            list.add(Map.entry(node.path("name").asString(), node.path("value").asString()));
        }
        return list;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
