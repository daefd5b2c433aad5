package io.turno.notifications.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The 24-hour appointment reminders, on one instance at a time (each appointment is reminded once
 * anyway). {@code turno.notifications.reminders.enabled=false} turns it off;
 * {@code turno.notifications.reminders.every} (ISO duration, {@code PT10M}) sets its pace.
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.notifications.reminders.enabled", matchIfMissing = true)
class AppointmentReminderJob {

    private final AppointmentMessages messages;

    AppointmentReminderJob(AppointmentMessages messages) {
        this.messages = messages;
    }

    @Scheduled(fixedDelayString = "${turno.notifications.reminders.every:PT10M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "notifications-appointment-reminders")
    void remind() {
        messages.remind();
    }
}
