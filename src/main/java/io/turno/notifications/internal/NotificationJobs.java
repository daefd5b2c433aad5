package io.turno.notifications.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dispatcher on its schedule, on every instance at once and deliberately without ShedLock:
 * claiming with {@code FOR UPDATE SKIP LOCKED} lets any number of instances share one backlog without
 * claiming a row twice, so more instances send more. {@code turno.notifications.worker.enabled=false}
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
    void dispatch() {
        while (dispatcher.runOnce() > 0) {
            // drain the backlog batch by batch
        }
    }
}
