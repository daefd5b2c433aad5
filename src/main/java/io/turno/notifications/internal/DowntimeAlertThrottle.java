package io.turno.notifications.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notifications_downtime_alerts}: when each line was last alerted about, to alert at most once per interval. */
@Repository
class DowntimeAlertThrottle {

    private final JdbcClient jdbc;

    DowntimeAlertThrottle(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the line's turn to be alerted about at {@code now}; false when it was alerted less than
     * {@code every} ago. One statement, so two instances deciding at once cannot both alert.
     */
    boolean claim(TenantId tenant, UUID line, Instant now, Duration every) {
        return jdbc.sql("""
                INSERT INTO notifications_downtime_alerts AS a (tenant_id, line_id, alerted_at) VALUES (:t, :l, :now)
                ON CONFLICT (tenant_id, line_id) DO UPDATE SET alerted_at = :now
                WHERE a.alerted_at <= :since
                """)
                        .param("t", tenant.value())
                        .param("l", line)
                        .param("now", Timestamp.from(now))
                        .param("since", Timestamp.from(now.minus(every)))
                        .update()
                == 1;
    }
}
