package io.turno.web;

import java.time.ZoneId;
import java.util.Optional;

import io.turno.shared.TenantId;

/**
 * Where an organization's figures come from when pages write them: its time zone and its currency.
 * The module that owns organizations answers it; {@link Formatting} asks.
 */
public interface TenantConventions {

    record Conventions(ZoneId zone, String currency) {}

    /** The organization's zone and currency, or empty when no such organization exists. */
    Optional<Conventions> of(TenantId tenant);
}
