package io.turno.notifications.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dispatcher on its schedule. ShedLock keeps one instance at a time busy with it, but claiming
 * is safe without it ({@code FOR UPDATE SKIP LOCKED}); {@code turno.notifications.worker.enabled=false}
 * turns it off (tests call {@link Dispatcher#runOnce()} themselves).
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.notifications.worker.enabled", matchIfMissing = true)
class NotificationJobs {

    private final Dispatcher dispatcher;

    NotificationJobs(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${turno.notifications.worker.every:PT5S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "notifications-dispatch", lockAtMostFor = "PT10M")
    void dispatch() {
        while (dispatcher.runOnce() > 0) {
            // drain the backlog batch by batch
        }
    }
}
