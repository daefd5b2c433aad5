package io.turno.notifications.internal;

import java.util.UUID;

import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notifications_appointment_reminders}: one row per appointment reminded, so each is reminded once. */
@Repository
class AppointmentReminders {

    private final JdbcClient jdbc;

    AppointmentReminders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the appointment's reminder; false when it was already taken. */
    boolean claim(TenantId tenant, UUID appointment) {
        return jdbc.sql("""
                INSERT INTO notifications_appointment_reminders (tenant_id, appointment_id, notification_id)
                VALUES (:t, :a, :n) ON CONFLICT DO NOTHING
                """)
                        .param("t", tenant.value())
                        .param("a", appointment)
                        .param("n", UUID.randomUUID())
                        .update()
                == 1;
    }

    void notificationSent(TenantId tenant, UUID appointment, UUID notification) {
        jdbc.sql(
                        "UPDATE notifications_appointment_reminders SET notification_id = :n WHERE tenant_id = :t AND appointment_id = :a")
                .param("n", notification)
                .param("t", tenant.value())
                .param("a", appointment)
                .update();
    }

    void forget(TenantId tenant, UUID appointment) {
        jdbc.sql("DELETE FROM notifications_appointment_reminders WHERE tenant_id = :t AND appointment_id = :a")
                .param("t", tenant.value())
                .param("a", appointment)
                .update();
    }
}
