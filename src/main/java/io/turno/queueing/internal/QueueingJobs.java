package io.turno.queueing.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The queueing jobs on their schedules, each on one instance at a time. */
@Component
@ConditionalOnBooleanProperty(name = "turno.queueing.jobs.enabled", matchIfMissing = true)
class QueueingJobs {

    private final DailyReset reset;
    private final Rebalancer rebalancer;

    QueueingJobs(DailyReset reset, Rebalancer rebalancer) {
        this.reset = reset;
        this.rebalancer = rebalancer;
    }

    @Scheduled(fixedDelayString = "${turno.queueing.jobs.reset-check:PT1M}", initialDelayString = "PT10S")
    @SchedulerLock(name = "queueing-daily-reset")
    void dailyReset() {
        reset.run();
    }

    @Scheduled(fixedDelayString = "${turno.queueing.jobs.rebalance-every:PT30S}", initialDelayString = "PT20S")
    @SchedulerLock(name = "queueing-rebalance")
    void rebalance() {
        rebalancer.run();
    }
}
