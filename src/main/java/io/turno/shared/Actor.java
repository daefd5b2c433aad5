package io.turno.shared;

import java.util.UUID;

/**
 * Who is acting in a request, as any module may know it without depending on {@code identity}:
 * the authenticated principal implements it.
 */
public interface Actor {

    UUID userId();

    TenantId tenantId();

    String username();
}
