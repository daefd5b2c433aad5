package io.turno.reporting.internal;

import java.time.Duration;
import java.util.UUID;

import io.turno.shared.TenantScope;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's identity as a report job runner, named on every job it claims, and its heartbeat,
 * renewed every 5 s whether the worker is on or not (a test calling {@link ReportJobRunner#runOnce()}
 * claims too). Another instance queues again the RUNNING jobs of one silent for 30 s.
 */
@Component
class ReportJobHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(ReportJobHeartbeat.class);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final UUID id = UUID.randomUUID();
    private final ReportJobStore store;

    ReportJobHeartbeat(ReportJobStore store) {
        this.store = store;
    }

    UUID id() {
        return id;
    }

    /** Registered before the first claim, so no claim ever names an instance without a heartbeat. */
    @PostConstruct
    void register() {
        store.beat(id);
    }

    @Scheduled(fixedRateString = "${turno.reporting.jobs.heartbeat:PT5S}", initialDelayString = "PT1S")
    void beat() {
        try {
            store.beat(id);
            TenantScope.unscoped(() -> {
                store.forgetSilentSince(FORGET_AFTER);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Report job heartbeat failed: {}", e.toString());
        }
    }
}
