package io.turno.production;

import java.time.Instant;
import java.util.UUID;

import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;

/**
 * A line stopped producing at its OUTPUT area for longer than its threshold during planned time
 * (published once per downtime event, when the gap has ended), so that e.g. notifications can alert
 * the plant manager.
 */
public record DowntimeDetected(
        TenantId tenantId,
        UUID downtimeId,
        UUID lineId,
        String lineCode,
        Instant startedAt,
        Instant endedAt,
        long durationSeconds)
        implements TenantEvent {}
