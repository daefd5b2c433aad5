package io.turno.notifications.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.turno.identity.TenantDirectory;
import io.turno.identity.UserDirectory;
import io.turno.notifications.internal.EventMessages.Message;
import io.turno.notifications.internal.EventMessages.Publisher;
import io.turno.production.DowntimeDetected;
import io.turno.shared.TenantScope;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A stopped line's alert (DOWNTIME_ALERT) to the plant's supervisors, by email: users have no phone
 * of their own to send WhatsApp to. At most one per line per interval
 * ({@code turno.notifications.downtime-alerts.every}); each downtime at most once, however often its
 * event is delivered.
 */
@Component
class DowntimeAlerts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EventMessages messages;
    private final EventMessageKeys keys;
    private final UserDirectory users;
    private final TenantDirectory tenants;
    private final DowntimeAlertThrottle throttle;
    private final NotificationsProperties properties;
    private final Clock clock;

    DowntimeAlerts(
            EventMessages messages,
            EventMessageKeys keys,
            UserDirectory users,
            TenantDirectory tenants,
            DowntimeAlertThrottle throttle,
            NotificationsProperties properties,
            Clock clock) {
        this.messages = messages;
        this.keys = keys;
        this.users = users;
        this.tenants = tenants;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(DowntimeDetected detected) {
        TenantScope.run(detected.tenantId(), () -> alert(detected));
    }

    private void alert(DowntimeDetected detected) {
        var settings = properties.downtimeAlerts();
        List<UserDirectory.UserContact> supervisors = users.reachableWithRole(detected.tenantId(), settings.role());
        if (supervisors.isEmpty()) {
            return;
        }
        var publisher = new Publisher(detected.tenantId(), "production");
        String key = "DOWNTIME_ALERT:" + detected.downtimeId();
        // Taken before the throttle, so a delivery again of an alerted downtime leaves the line's clock alone.
        if (!keys.claim(detected.tenantId(), key)) {
            return;
        }
        if (!throttle.claim(detected.tenantId(), detected.lineId(), clock.instant(), settings.every())) {
            return;
        }
        ZoneId zone = tenants.summary(detected.tenantId())
                .map(TenantDirectory.TenantSummary::timeZone)
                .orElse(ZoneId.of("UTC"));
        var variables = Map.of(
                "line",
                detected.lineCode(),
                "since",
                TIME.format(detected.startedAt().atZone(zone)),
                "minutes",
                Long.toString(Math.max(1, Math.round(detected.durationSeconds() / 60.0))));
        for (var supervisor : supervisors) {
            messages.send(
                    publisher,
                    key + ":" + supervisor.id(),
                    new NotificationService.Recipient(supervisor.fullName(), supervisor.email(), null, false),
                    Channel.EMAIL,
                    List.of(),
                    supervisor.language(),
                    new Message("DOWNTIME_ALERT", variables));
        }
    }
}
