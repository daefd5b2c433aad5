package io.turno.identity;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import io.turno.shared.TenantId;

/**
 * The tenant's roles as other modules name them (a dashboard template per role): the built-in ones every
 * organization has and the custom ones it created, each with the permissions it grants. Another tenant's
 * role is never found.
 */
public interface RoleDirectory {

    /** {@code name} as the organization stored it; {@code builtIn} false for a role the organization created. */
    record RoleSummary(String code, String name, boolean builtIn, SortedSet<String> permissions) {}

    /** The organization's custom roles (not the built-in ones), by code. */
    List<RoleSummary> customRoles(TenantId tenant);

    /** One of the organization's roles by its code (e.g. {@code SUPERVISOR}, {@code QUALITY}). */
    Optional<RoleSummary> role(TenantId tenant, String code);
}
