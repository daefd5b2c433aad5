package io.turno.catalog;

import java.util.Optional;
import java.util.UUID;

import io.turno.shared.PageResult;
import io.turno.shared.TenantId;

/**
 * The tenant's service catalog as other modules read it (queueing issues tickets for a service,
 * scheduling books one). Inactive services are returned too, with {@code active = false}: callers
 * decide whether an inactive service is acceptable. Another tenant's service is never found.
 */
public interface ServiceCatalog {

    Optional<ServiceView> find(TenantId tenant, UUID serviceId);

    /** By code, case-insensitively ({@code cons-gen} finds {@code CONS-GEN}). */
    Optional<ServiceView> findByCode(TenantId tenant, String code);

    /** The tenant's services matching {@code query}, ordered by name; {@code page} counts from 0. */
    PageResult<ServiceView> search(TenantId tenant, ServiceQuery query, int page, int size);
}
