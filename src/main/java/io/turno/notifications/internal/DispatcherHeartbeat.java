package io.turno.notifications.internal;

import java.time.Duration;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This instance's identity as a dispatcher, named on every claim it makes, and its heartbeat, renewed every
 * {@code heartbeat.every} (PT5S). Another instance takes back the claims of one whose heartbeat is older than
 * {@code heartbeat.stale-after} (PT15S) without waiting for the lease ({@link Dispatcher#recoverInterrupted}).
 * On whether the worker runs or not: a test calling {@link Dispatcher#runOnce()} claims too.
 */
@Component
class DispatcherHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(DispatcherHeartbeat.class);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final UUID id = UUID.randomUUID();
    private final DispatcherHeartbeats heartbeats;

    DispatcherHeartbeat(DispatcherHeartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    UUID id() {
        return id;
    }

    /** Registered before the first claim, so no claim ever names an instance without a heartbeat. */
    @PostConstruct
    void register() {
        heartbeats.beat(id);
    }

    @Scheduled(fixedRateString = "${turno.notifications.heartbeat.every:PT5S}", initialDelayString = "PT1S")
    void beat() {
        try {
            heartbeats.beat(id);
            heartbeats.forgetSilentSince(FORGET_AFTER);
        } catch (RuntimeException e) {
            log.warn("Dispatcher heartbeat failed: {}", e.toString());
        }
    }
}
