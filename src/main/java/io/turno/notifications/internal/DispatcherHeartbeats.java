package io.turno.notifications.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The running dispatchers, one row per instance, each renewed by its {@link DispatcherHeartbeat}. Times are the
 * database's own, so instances whose clocks disagree still agree on whose heartbeat is stale.
 */
@Repository
class DispatcherHeartbeats {

    private final JdbcClient jdbc;

    DispatcherHeartbeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The instance's heartbeat now; its row comes back if someone removed it. */
    void beat(UUID instance) {
        jdbc.sql("""
                INSERT INTO notification_dispatchers (id) VALUES (:id)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()
                """).param("id", instance).update();
    }

    /** Rows of instances long gone: nothing names them any more once their claims were taken back. */
    void forgetSilentSince(java.time.Duration silence) {
        jdbc.sql("DELETE FROM notification_dispatchers WHERE heartbeat_at < now() - CAST(:silence AS interval)")
                .param("silence", silence.toSeconds() + " seconds")
                .update();
    }
}
