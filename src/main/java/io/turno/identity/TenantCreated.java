package io.turno.identity;

import java.time.ZoneId;

import io.turno.shared.TenantId;

/** A new organization exists, with its built-in roles; modules give it their defaults. */
public record TenantCreated(TenantId tenantId, String slug, ZoneId timeZone) {}
