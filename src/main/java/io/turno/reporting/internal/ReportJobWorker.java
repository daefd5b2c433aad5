package io.turno.reporting.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The job runner on its schedule, on every instance at once and without ShedLock: claims are
 * {@code SKIP LOCKED}, so instances share the queue. Each tick runs queued jobs one after another until
 * none is left. {@code turno.reporting.jobs.enabled=false} turns it off (tests call
 * {@link ReportJobRunner#runOnce()} themselves).
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.reporting.jobs.enabled", matchIfMissing = true)
class ReportJobWorker {

    private static final Logger log = LoggerFactory.getLogger(ReportJobWorker.class);

    private final ReportJobRunner runner;
    private final ReportFileExpiry expiry;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;

    ReportJobWorker(ReportJobRunner runner, ReportFileExpiry expiry) {
        this.runner = runner;
        this.expiry = expiry;
    }

    /** Runs jobs on a thread of its own, so a long job never holds up the scheduler (and the heartbeat). */
    @Scheduled(fixedDelayString = "${turno.reporting.jobs.every:PT2S}", initialDelayString = "PT5S")
    void tick() {
        if (!stopped && running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("report-jobs").start(this::drain);
        }
    }

    /** Files past their keeping time removed, once an hour on one instance. */
    @Scheduled(fixedDelayString = "${turno.reporting.files.expire-every:PT1H}", initialDelayString = "PT1M")
    @SchedulerLock(name = "reporting-expire-files")
    void expireFiles() {
        int removed = expiry.removeExpired();
        if (removed > 0) {
            log.info("Removed the files of {} expired report jobs", removed);
        }
    }

    private void drain() {
        try {
            while (!stopped && runner.runOnce()) {
                // the next queued job, if any
            }
        } catch (RuntimeException e) {
            log.warn("Report job run failed; the next tick tries again", e);
        } finally {
            running.set(false);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
