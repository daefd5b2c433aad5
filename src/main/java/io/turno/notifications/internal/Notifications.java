package io.turno.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.notifications.internal.NotificationService.AttemptView;
import io.turno.notifications.internal.NotificationService.NotificationQuery;
import io.turno.notifications.internal.NotificationService.NotificationView;
import io.turno.notifications.internal.NotificationService.Recipient;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notifications} table as people see it: created, listed, read with its attempts,
 * cancelled and queued again. Sending them is the {@link Outbox}'s.
 */
@Repository
class Notifications {

    /** What a new notification holds; {@code variables} are the template's, in their declared order. */
    record NewNotification(
            UUID id,
            UUID caseId,
            Channel channel,
            List<Channel> fallbacks,
            Recipient recipient,
            String templateCode,
            String language,
            List<Map.Entry<String, String>> variables,
            String subject,
            String body,
            Instant sendAt,
            UUID createdBy,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Notifications(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Due at {@code sendAt}; its Message-ID, kept by every copy, is derived from its id. */
    void insert(TenantId tenant, NewNotification n) {
        jdbc.sql("""
                INSERT INTO notifications (id, tenant_id, case_id, channel, fallback_channels, recipient_name,
                                           recipient_email, recipient_phone, template_code, language, variables,
                                           subject, body, send_at, next_attempt_at, message_id, created_by,
                                           created_at, updated_at)
                VALUES (:id, :t, :case, :channel, CAST(:fallbacks AS text[]), :name, :email, :phone, :template,
                        :language, CAST(:variables AS jsonb), :subject, :body, :sendAt, :sendAt, :messageId, :by,
                        :now, :now)
                """)
                .param("case", n.caseId())
                .param(
                        "fallbacks",
                        "{"
                                + String.join(
                                        ",",
                                        n.fallbacks().stream()
                                                .map(Channel::name)
                                                .toList()) + "}")
                .param(
                        "variables",
                        json.writeValueAsString(n.variables().stream()
                                .map(v -> Map.of("name", v.getKey(), "value", v.getValue()))
                                .toList()))
                .param("id", n.id())
                .param("t", tenant.value())
                .param("channel", n.channel().name())
                .param("name", n.recipient().name())
                .param("email", n.recipient().email())
                .param("phone", n.recipient().phone())
                .param("template", n.templateCode())
                .param("language", n.language())
                .param("subject", n.subject())
                .param("body", n.body())
                .param("sendAt", Timestamp.from(n.sendAt()))
                .param("messageId", "<" + n.id() + "@turno>")
                .param("by", n.createdBy())
                .param("now", Timestamp.from(n.createdAt()))
                .update();
    }

    PageResult<NotificationView> page(TenantId tenant, NotificationQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :t AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:case AS uuid) IS NULL OR case_id = :case)
                  AND (CAST(:channel AS text) IS NULL OR channel = :channel)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                  AND (NOT :assumed OR status = 'SENT' AND """ + LATEST_ASSUMED_DELIVERED + ")";
        var statement = jdbc.sql("SELECT * FROM notifications " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size);
        var count = jdbc.sql("SELECT count(*) FROM notifications " + where);
        for (var spec : List.of(statement, count)) {
            spec.param("t", tenant.value())
                    .param("case", query.caseId())
                    .param(
                            "status",
                            query.status() == null ? null : query.status().name())
                    .param(
                            "channel",
                            query.channel() == null ? null : query.channel().name())
                    .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                    .param("to", query.to() == null ? null : Timestamp.from(query.to()))
                    .param("assumed", query.assumedDelivered());
        }
        return new PageResult<>(
                statement.query(Notifications::view).list(),
                page,
                size,
                count.query(Long.class).single());
    }

    /** Without its history. */
    Optional<NotificationView> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT * FROM notifications WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(Notifications::view)
                .optional();
    }

    List<AttemptView> attempts(TenantId tenant, UUID id) {
        return jdbc.sql("""
                SELECT * FROM notification_attempts WHERE tenant_id = :t AND notification_id = :id ORDER BY number
                """)
                .param("t", tenant.value())
                .param("id", id)
                .query((rs, n) -> new AttemptView(
                        rs.getInt("number"),
                        rs.getString("channel") == null ? null : Channel.valueOf(rs.getString("channel")),
                        rs.getString("provider"),
                        rs.getString("outcome"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        rs.getObject("latency_ms", Long.class),
                        rs.getString("error"),
                        rs.getString("provider_message_id"),
                        rs.getString("delivery_status")))
                .list();
    }

    /** A case's notifications, newest first, at most 200, without their history. */
    List<NotificationView> forCase(TenantId tenant, UUID caseId) {
        return jdbc.sql(
                        "SELECT * FROM notifications WHERE tenant_id = :t AND case_id = :case ORDER BY created_at DESC LIMIT 200")
                .param("t", tenant.value())
                .param("case", caseId)
                .query(Notifications::view)
                .list();
    }

    /** FAILED or CANCELLED → PENDING, due now, with a fresh budget of attempts. */
    void queueAgain(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE notifications SET status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_at = NULL,
                       updated_at = :now
                WHERE tenant_id = :t AND id = :id AND status IN ('FAILED', 'CANCELLED')
                """)
                .param("now", Timestamp.from(now))
                .param("t", tenant.value())
                .param("id", id)
                .update();
    }

    /** Its latest attempt ended ASSUMED_DELIVERED (an email interrupted after its commit point). */
    private static final String LATEST_ASSUMED_DELIVERED = """
            (SELECT a.outcome FROM notification_attempts a
             WHERE a.tenant_id = notifications.tenant_id AND a.notification_id = notifications.id
             ORDER BY a.number DESC LIMIT 1) = 'ASSUMED_DELIVERED'""";

    /**
     * SENT with its latest attempt ASSUMED_DELIVERED → PENDING, due now, with a fresh budget of attempts;
     * whether it was.
     */
    boolean queueAssumedDeliveredAgain(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE notifications SET status = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_at = NULL,
                               sent_at = NULL, updated_at = :now
                        WHERE tenant_id = :t AND id = :id AND status = 'SENT' AND """ + LATEST_ASSUMED_DELIVERED)
                        .param("now", Timestamp.from(now))
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                != 0;
    }

    /** Whether the notification was in status {@code from} and now is in {@code to}. */
    boolean changeStatus(TenantId tenant, UUID id, String from, String to, Instant now) {
        return jdbc.sql("""
                UPDATE notifications SET status = :to, updated_at = :now WHERE tenant_id = :t AND id = :id AND status = :from
                """)
                        .param("to", to)
                        .param("from", from)
                        .param("now", Timestamp.from(now))
                        .param("t", tenant.value())
                        .param("id", id)
                        .update()
                != 0;
    }

    private static NotificationView view(ResultSet rs, int n) throws SQLException {
        return new NotificationView(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                channels(rs.getArray("fallback_channels")),
                new Recipient(
                        rs.getString("recipient_name"),
                        rs.getString("recipient_email"),
                        rs.getString("recipient_phone"),
                        null),
                rs.getString("template_code"),
                rs.getString("language"),
                rs.getString("subject"),
                rs.getString("body"),
                NotificationStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                instant(rs, "send_at"),
                instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                rs.getString("message_id"),
                instant(rs, "sent_at"),
                instant(rs, "delivered_at"),
                instant(rs, "created_at"),
                null);
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
}
