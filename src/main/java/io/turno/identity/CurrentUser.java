package io.turno.identity;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.TenantId;

/** The authenticated person behind a request, as every module sees them. */
public record CurrentUser(
        UUID userId,
        TenantId tenantId,
        String tenantSlug,
        String username,
        String fullName,
        Set<String> roles,
        Set<String> permissions,
        String email,
        Instant createdAt)
        implements Actor, Principal, Serializable {

    @Override
    public String getName() {
        return username;
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
