package io.turno.identity.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.turno.identity.PlatformPermissions;
import io.turno.shared.ModulePermissions;
import org.springframework.stereotype.Component;

/**
 * Every permission ({@code module:action}) a tenant can grant: the union of the modules'
 * {@link ModulePermissions}. It is what {@code GET /api/v1/permissions} lists and what ADMIN holds.
 * Tenant management is not in it: those permissions belong to the platform's SUPER_ADMIN only.
 */
@Component
class PermissionCatalog {

    static final Set<String> PLATFORM = PlatformPermissions.ALL;

    private final SortedSet<String> all = new TreeSet<>();
    private final Map<BuiltInRole, Set<String>> defaults = new HashMap<>();
    private final SortedMap<String, SortedSet<String>> byModule = new TreeMap<>();

    PermissionCatalog(List<ModulePermissions> modules) {
        for (ModulePermissions module : modules) {
            module.defaultRoles().forEach((permission, roles) -> {
                if (!all.add(permission)) {
                    throw new IllegalStateException("Two modules declare the permission " + permission);
                }
                byModule.computeIfAbsent(module.module(), m -> new TreeSet<>()).add(permission);
                for (String role : roles) {
                    defaults.computeIfAbsent(BuiltInRole.tenantRole(role), r -> new TreeSet<>())
                            .add(permission);
                }
            });
        }
    }

    SortedSet<String> all() {
        return new TreeSet<>(all);
    }

    /** The same permissions under the module that declares each ({@code scheduling} → its permissions). */
    SortedMap<String, SortedSet<String>> byModule() {
        var copy = new TreeMap<String, SortedSet<String>>();
        byModule.forEach((module, permissions) -> copy.put(module, new TreeSet<>(permissions)));
        return copy;
    }

    boolean contains(String permission) {
        return all.contains(permission);
    }

    /** What a built-in role holds in a new tenant. */
    Set<String> defaultsFor(BuiltInRole role) {
        return switch (role) {
            case ADMIN -> all;
            case SUPER_ADMIN -> PLATFORM;
            default -> defaults.getOrDefault(role, Set.of());
        };
    }

    /** The built-in roles that hold {@code permission} by default. */
    Set<BuiltInRole> rolesHolding(String permission) {
        var roles = new java.util.HashSet<BuiltInRole>();
        for (BuiltInRole role : BuiltInRole.values()) {
            if (defaultsFor(role).contains(permission)) {
                roles.add(role);
            }
        }
        return roles;
    }
}
