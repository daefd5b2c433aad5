package io.turno.scheduling.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A bookable practitioner: a sign-in account, the services they give, their time zone. */
public record PractitionerView(
        UUID id,
        UUID userId,
        String displayName,
        String timeZone,
        List<UUID> serviceIds,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
