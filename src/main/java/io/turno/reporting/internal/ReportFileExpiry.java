package io.turno.reporting.internal;

import java.time.Clock;

import io.turno.shared.TenantScope;
import org.springframework.stereotype.Service;

/**
 * Removes the files of jobs finished longer ago than {@link ReportingSettings#keep()}: the job stays,
 * EXPIRED, so its owner learns why the download is gone (410) rather than finding nothing.
 */
@Service
public class ReportFileExpiry {

    private final ReportJobStore store;
    private final ReportingSettings settings;
    private final Clock clock;

    ReportFileExpiry(ReportJobStore store, ReportingSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every tenant's expired files removed now; answers how many. */
    public int removeExpired() {
        return TenantScope.unscoped(
                () -> store.expireFinishedBefore(clock.instant().minus(settings.keep())));
    }
}
