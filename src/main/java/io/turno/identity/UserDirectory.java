package io.turno.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.shared.TenantId;

/**
 * The tenant's users as other modules name them (the operator sitting at a desk, the author of a
 * note): who they are and whether they may still work. Another tenant's user is never found.
 */
public interface UserDirectory {

    record UserSummary(UUID id, String username, String fullName, boolean active) {}

    /**
     * Where a user is reached by email, e.g. for an alert meant for everyone with a role, and the
     * language (es or en) to write to them in.
     */
    record UserContact(UUID id, String fullName, String email, String language) {}

    Optional<UserSummary> find(TenantId tenant, UUID userId);

    /** Case-insensitively, as sign-in compares usernames. */
    Optional<UserSummary> findByUsername(TenantId tenant, String username);

    /** The tenant's users among {@code ids}, by id; unknown ids are left out. */
    Map<UUID, UserSummary> findAll(TenantId tenant, Collection<UUID> ids);

    /** Up to {@code limit} active users, by full name: enough for a choice in a form. */
    List<UserSummary> active(TenantId tenant, int limit);

    /** The tenant's active users holding the role (its code, e.g. SUPERVISOR) who have an email address. */
    List<UserContact> reachableWithRole(TenantId tenant, String roleCode);
}
