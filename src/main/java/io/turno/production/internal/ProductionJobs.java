package io.turno.production.internal;

import java.time.Clock;
import java.time.LocalDate;

import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantScope;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The production jobs on their schedules, each on one instance at a time: downtime every 15
 * minutes, partition maintenance daily (months ahead created, months past the retention dropped),
 * the organizations' own databases synchronized every 5 minutes.
 */
@Component
@ConditionalOnBooleanProperty(name = "turno.production.jobs.enabled", matchIfMissing = true)
class ProductionJobs {

    private static final Logger log = LoggerFactory.getLogger(ProductionJobs.class);

    private final TenantDirectory tenants;
    private final Downtime downtime;
    private final DetectionIngest ingest;
    private final int retentionMonths;
    private final ClientDatabases sources;
    private final boolean syncSources;
    private final Clock clock = Clock.systemUTC();

    ProductionJobs(
            TenantDirectory tenants,
            Downtime downtime,
            DetectionIngest ingest,
            @Value("${turno.production.partitions.retention-months:24}") int retentionMonths,
            ClientDatabases sources,
            @Value("${turno.production.sources.sync.enabled:true}") boolean syncSources) {
        this.sources = sources;
        this.syncSources = syncSources;
        this.tenants = tenants;
        this.downtime = downtime;
        this.ingest = ingest;
        this.retentionMonths = retentionMonths;
    }

    @Scheduled(fixedDelayString = "${turno.production.downtime.every:PT15M}", initialDelayString = "PT1M")
    @SchedulerLock(name = "production-downtime")
    void detectDowntime() {
        var until = clock.instant();
        for (TenantDirectory.TenantSummary tenant : tenants.tenants()) {
            if (!tenant.active()) {
                continue;
            }
            try {
                TenantScope.run(tenant.id(), () -> downtime.detectUpTo(tenant.id(), until));
            } catch (RuntimeException e) {
                log.warn("Downtime detection failed for {}", tenant.slug(), e);
            }
        }
    }

    @Scheduled(cron = "${turno.production.partitions.cron:0 17 3 * * *}", zone = "UTC")
    @SchedulerLock(name = "production-partitions")
    void maintainPartitions() {
        try {
            LocalDate today = LocalDate.now(clock);
            ingest.ensurePartitions(today, 2);
            ingest.dropPartitionsBefore(today, retentionMonths);
        } catch (RuntimeException e) {
            log.warn("Could not maintain the detections' partitions", e);
        }
    }

    /** Each active source of each organization, one after the other; a failure is recorded on the source and logged. */
    @Scheduled(fixedDelayString = "${turno.production.sources.sync.every:PT5M}", initialDelayString = "PT2M")
    @SchedulerLock(name = "production-sources-sync")
    void syncSources() {
        if (!syncSources) {
            return;
        }
        for (TenantDirectory.TenantSummary tenant : tenants.tenants()) {
            if (!tenant.active()) {
                continue;
            }
            TenantScope.run(
                    tenant.id(),
                    () -> sources.activeSources(tenant.id()).forEach(id -> {
                        try {
                            sources.sync(tenant.id(), id, null);
                        } catch (RuntimeException e) {
                            log.warn("Sync of the database {} of {} failed: {}", id, tenant.slug(), e.getMessage());
                        }
                    }));
        }
    }
}
