package io.turno.notifications.internal;

import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code notifications_event_messages}: one row per event and recipient messaged, so an event
 * delivered again (republished after a restart) sends nothing the second time.
 */
@Repository
class EventMessageKeys {

    private final JdbcClient jdbc;

    EventMessageKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the key; false when it was already taken. A concurrent delivery of the same event waits
     * here for the first one's transaction and then finds the key taken.
     */
    boolean claim(TenantId tenant, String key) {
        return jdbc.sql("""
                INSERT INTO notifications_event_messages (tenant_id, event_key) VALUES (:t, :k)
                ON CONFLICT DO NOTHING
                """).param("t", tenant.value()).param("k", key).update() == 1;
    }

    void notificationSent(TenantId tenant, String key, UUID notification) {
        jdbc.sql("UPDATE notifications_event_messages SET notification_id = :n WHERE tenant_id = :t AND event_key = :k")
                .param("n", notification)
                .param("t", tenant.value())
                .param("k", key)
                .update();
    }
}
