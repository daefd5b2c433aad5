package io.turno.scheduling.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduling jobs, each on one instance at a time. */
@Component
@ConditionalOnBooleanProperty(name = "turno.scheduling.jobs.enabled", matchIfMissing = true)
class SchedulingJobs {

    private final Reservations reservations;
    private final Waitlist waitlist;

    SchedulingJobs(Reservations reservations, Waitlist waitlist) {
        this.reservations = reservations;
        this.waitlist = waitlist;
    }

    @Scheduled(fixedDelayString = "${turno.scheduling.jobs.sweep-holds-every:PT1M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "scheduling-sweep-holds")
    void sweepHolds() {
        reservations.sweep();
    }

    @Scheduled(fixedDelayString = "${turno.scheduling.jobs.pass-on-offers-every:PT1M}", initialDelayString = "PT40S")
    @SchedulerLock(name = "scheduling-pass-on-offers")
    void passOnExpiredOffers() {
        waitlist.passOnExpired();
    }
}
