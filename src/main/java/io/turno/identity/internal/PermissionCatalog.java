package io.turno.identity.internal;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every permission ({@code module:action}) Turno knows. Modules add theirs here as they arrive;
 * the catalog is what {@code GET /api/v1/permissions} lists and what ADMIN holds.
 */
final class PermissionCatalog {

    static final Set<String> ALL = Set.copyOf(new TreeSet<>(Set.of(
            "users:create", "users:read", "users:update", "users:delete",
            "roles:create", "roles:read", "roles:update", "roles:delete",
            "permissions:read", "permissions:assign",
            "audit:read", "audit:verify", "audit:export")));

    private PermissionCatalog() {
    }

    static Set<String> reads() {
        return ALL.stream().filter(p -> p.endsWith(":read")).collect(Collectors.toUnmodifiableSet());
    }
}
