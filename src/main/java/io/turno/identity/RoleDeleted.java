package io.turno.identity;

import java.util.UUID;

import io.turno.shared.TenantId;

/** An organization deleted one of its custom roles; modules forget what they kept under its code. */
public record RoleDeleted(TenantId tenantId, UUID roleId, String code) {}
