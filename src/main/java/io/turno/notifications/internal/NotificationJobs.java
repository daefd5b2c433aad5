package io.turno.notifications.internal;

import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dispatcher on its schedule, on every instance at once and deliberately without ShedLock:
 * claiming with {@code FOR UPDATE SKIP LOCKED} lets any number of instances share one backlog without
 * claiming a row twice, so more instances send more. {@code turno.notifications.worker.enabled=false}
 * turns it off (tests call {@link Dispatcher#runOnce()} themselves).
 *
 * <p>A tick, or a notification due now committed on this instance ({@link #wake()}), starts a loop
 * that runs batches until one comes back empty; each full batch starts one more loop alongside, up to
 * {@code worker.concurrency}. Loops are independent: a slow batch (a provider taking its time) holds
 * back only its own loop, never the others nor the next tick.
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.notifications.worker.enabled", matchIfMissing = true)
class NotificationJobs {

    private static final Logger log = LoggerFactory.getLogger(NotificationJobs.class);

    private final Dispatcher dispatcher;
    private final Semaphore loops;
    private volatile boolean stopped;

    NotificationJobs(Dispatcher dispatcher, NotificationsProperties properties) {
        this.dispatcher = dispatcher;
        this.loops = new Semaphore(Math.max(1, properties.worker().concurrency()));
    }

    @Scheduled(fixedDelayString = "${turno.notifications.worker.every:PT5S}", initialDelayString = "PT5S")
    void dispatch() {
        startLoop();
    }

    /** New work is due: start a loop now unless all are busy (they look again after their batch). */
    void wake() {
        startLoop();
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    private void startLoop() {
        if (!stopped && loops.tryAcquire()) {
            Thread.ofVirtual().name("notifications-dispatch").start(this::loop);
        }
    }

    private void loop() {
        try {
            while (!stopped && dispatcher.runOnce() > 0) {
                startLoop(); // a backlog: another batch alongside this one
            }
        } catch (RuntimeException e) {
            if (!stopped) {
                log.warn("Dispatch loop failed; the next tick starts another", e);
            }
        } finally {
            loops.release();
        }
    }
}
