package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/** Creating, reading, cancelling and re-sending notifications; sending is the {@link Dispatcher}'s. */
@Service
public class NotificationService {

    public record Recipient(String name, String email, String phone) {
    }

    public record NotificationCommand(Recipient recipient, Channel channel, String templateCode, String language,
                                      Map<String, String> variables, String subject, String body, Instant sendAt) {
    }

    public record AttemptView(int number, String provider, String outcome, Instant startedAt, Instant finishedAt,
                              Long latencyMs, String error) {
    }

    public record NotificationView(UUID id, Channel channel, Recipient recipient, String templateCode,
                                   String language, String subject, String body, NotificationStatus status,
                                   int attempts, Instant sendAt, Instant nextAttemptAt, String lastError,
                                   String messageId, Instant sentAt, Instant createdAt, List<AttemptView> history) {

        NotificationView withHistory(List<AttemptView> history) {
            return new NotificationView(id, channel, recipient, templateCode, language, subject, body, status,
                    attempts, sendAt, nextAttemptAt, lastError, messageId, sentAt, createdAt, history);
        }
    }

    public record NotificationQuery(NotificationStatus status, Channel channel, Instant from, Instant to) {
    }

    /** Cancel or resend asked of a notification in a state that does not allow it: 409. */
    public static final class WrongState extends BusinessException {
        WrongState(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final JdbcClient jdbc;
    private final Templates templates;
    private final AuditLog audit;
    private final Clock clock;

    NotificationService(JdbcClient jdbc, Templates templates, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(rollbackFor = BindException.class)
    public NotificationView create(Actor caller, NotificationCommand command, String ip) throws BindException {
        var invalid = new Invalid();
        var recipient = command.recipient();
        if (command.channel() == Channel.EMAIL && blank(recipient.email())) {
            invalid.reject("recipient.email", "Un correo necesita la dirección del destinatario");
        }
        if (command.channel() != Channel.EMAIL && blank(recipient.phone())) {
            invalid.reject("recipient.phone", "Un mensaje por " + command.channel() + " necesita el teléfono del destinatario");
        }
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
                INSERT INTO notifications (id, tenant_id, channel, recipient_name, recipient_email, recipient_phone,
                                           template_code, language, subject, body, send_at, next_attempt_at,
                                           message_id, created_by, created_at, updated_at)
                VALUES (:id, :t, :channel, :name, :email, :phone, :template, :language, :subject, :body, :sendAt,
                        :sendAt, :messageId, :by, :now, :now)
                """)
                .param("id", id).param("t", caller.tenantId().value()).param("channel", command.channel().name())
                .param("name", recipient.name()).param("email", recipient.email()).param("phone", recipient.phone())
                .param("template", blank(command.templateCode()) ? null : command.templateCode())
                .param("language", language).param("subject", subject).param("body", body)
                .param("sendAt", Timestamp.from(sendAt)).param("messageId", "<" + id + "@turno>")
                .param("by", caller.userId()).param("now", Timestamp.from(now)).update();
        var summary = new LinkedHashMap<String, Object>();
        summary.put("channel", command.channel().name());
        summary.put("recipient", recipient.name());
        if (!blank(command.templateCode())) {
            summary.put("template_code", command.templateCode());
        }
        audit.record(new AuditEntry(caller.tenantId(), caller.userId(), caller.username(), "CREATE", "notification",
                id.toString(), summary, ip));
        return get(caller, id);
    }

    @Transactional(readOnly = true)
    public PageResult<NotificationView> list(Actor caller, NotificationQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                """;
        var statement = jdbc.sql("SELECT * FROM notifications " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("SELECT count(*) FROM notifications " + where);
        for (var spec : List.of(statement, count)) {
            spec.param("t", caller.tenantId().value())
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
                .query((rs, n) -> new AttemptView(rs.getInt("number"), rs.getString("provider"),
                        rs.getString("outcome"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        rs.getObject("latency_ms", Long.class), rs.getString("error")))
                .list();
        return notification.withHistory(history);
    }

    /** PENDING → CANCELLED; anything else is 409. */
    @Transactional
    public NotificationView cancel(Actor caller, UUID id, String ip) {
        return change(caller, id, "PENDING", "CANCELLED", "Solo se cancela una notificación pendiente", ip, "CANCEL");
    }

    /** FAILED or CANCELLED → PENDING, due now, with a fresh budget of attempts and the same Message-ID. */
    @Transactional
    public NotificationView resend(Actor caller, UUID id, String ip) {
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
                id.toString(), AuditEntry.change(before.status().name(), "PENDING"), ip));
        return get(caller, id);
    }

    private NotificationView change(Actor caller, UUID id, String from, String to, String refusal, String ip,
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
                id.toString(), AuditEntry.change(from, to), ip));
        return get(caller, id);
    }

    private static NotificationView view(ResultSet rs, int n) throws SQLException {
        return new NotificationView(rs.getObject("id", UUID.class), Channel.valueOf(rs.getString("channel")),
                new Recipient(rs.getString("recipient_name"), rs.getString("recipient_email"),
                        rs.getString("recipient_phone")),
                rs.getString("template_code"), rs.getString("language"), rs.getString("subject"), rs.getString("body"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "send_at"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), rs.getString("message_id"),
                instant(rs, "sent_at"), instant(rs, "created_at"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
