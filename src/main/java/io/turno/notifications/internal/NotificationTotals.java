package io.turno.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.turno.notifications.NotificationStatistics;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link NotificationStatistics}: notifications counted per channel and outcome; every statement names its tenant. */
@Repository
class NotificationTotals implements NotificationStatistics {

    private final JdbcClient jdbc;

    NotificationTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ChannelCount> perChannel(TenantId tenant, Instant from, Instant to) {
        Map<String, ChannelCount> counted = new HashMap<>();
        jdbc.sql("""
                SELECT channel,
                       count(*) FILTER (WHERE status IN ('SENT', 'DELIVERED')) AS sent,
                       count(*) FILTER (WHERE status = 'FAILED') AS failed,
                       count(*) FILTER (WHERE status IN ('PENDING', 'SENDING')) AS pending,
                       count(*) FILTER (WHERE attempts > 1 AND status <> 'CANCELLED') AS retried
                FROM notifications
                WHERE tenant_id = :t AND created_at >= :from AND created_at < :to
                GROUP BY channel""")
                .param("t", tenant.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> counted.put(
                        rs.getString("channel"),
                        new ChannelCount(
                                rs.getString("channel"),
                                rs.getLong("sent"),
                                rs.getLong("failed"),
                                rs.getLong("pending"),
                                rs.getLong("retried"))))
                .list();
        return Arrays.stream(Channel.values())
                .map(channel -> counted.getOrDefault(channel.name(), new ChannelCount(channel.name(), 0, 0, 0, 0)))
                .toList();
    }
}
