package io.turno.notifications.internal;

import java.util.concurrent.Executors;

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
    private final NotificationsProperties properties;

    NotificationJobs(Dispatcher dispatcher, NotificationsProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${turno.notifications.worker.every:PT5S}", initialDelayString = "PT5S")
    void dispatch() {
        // Several loops drain the backlog side by side, so one batch's sending overlaps another's recording.
        try (var loops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < Math.max(1, properties.worker().concurrency()); i++) {
                loops.submit(() -> {
                    while (dispatcher.runOnce() > 0) {
                        // drain the backlog batch by batch
                    }
                });
            }
        }
    }
}
