package io.turno.notifications.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dispatcher on its schedule, on every instance at once and deliberately without ShedLock:
 * claiming with {@code FOR UPDATE SKIP LOCKED} lets any number of instances share one backlog without
 * claiming a row twice, so more instances send more. {@code turno.notifications.worker.enabled=false}
 * turns it off (tests call {@link Dispatcher#runOnce()} themselves).
 *
 * <p>Besides the schedule, a notification due now that this instance created wakes the worker as soon
 * as its transaction commits ({@link #wake()}), so it does not wait for the next tick. One drain runs
 * at a time per instance; a wake-up during a drain makes it look once more before it stops.
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.notifications.worker.enabled", matchIfMissing = true)
class NotificationJobs {

    private final Dispatcher dispatcher;
    private final NotificationsProperties properties;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    NotificationJobs(Dispatcher dispatcher, NotificationsProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${turno.notifications.worker.every:PT5S}", initialDelayString = "PT5S")
    void dispatch() {
        again.set(true);
        drain();
    }

    /** New work is due: drain now, on a virtual thread, unless a drain is already going (it will look again). */
    void wake() {
        again.set(true);
        if (!stopped && !running.get()) {
            Thread.ofVirtual().name("notifications-wake").start(this::drain);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    private void drain() {
        while (!stopped && again.get() && running.compareAndSet(false, true)) {
            try {
                do {
                    again.set(false);
                    drainOnce();
                } while (again.get() && !stopped);
            } finally {
                running.set(false);
            }
            // A wake-up that came between the last look and letting go is taken by the while above.
        }
    }

    private void drainOnce() {
        // Several loops drain the backlog side by side, so one batch's sending overlaps another's recording.
        try (var loops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < Math.max(1, properties.worker().concurrency()); i++) {
                loops.submit(() -> {
                    while (!stopped && dispatcher.runOnce() > 0) {
                        // drain the backlog batch by batch
                    }
                });
            }
        }
    }
}
