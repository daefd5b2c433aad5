package io.turno.identity.internal;

import java.io.Serializable;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a login form sends besides username and password (the tenant, the browser) and, once signed
 * in, the session row the browser's login opened.
 */
record TenantLoginDetails(String tenant, String userAgent, UUID sessionId) implements Serializable {

    TenantLoginDetails withSession(UUID session) {
        return new TenantLoginDetails(tenant, userAgent, session);
    }

    static TenantLoginDetails from(HttpServletRequest request) {
        String tenant = request.getParameter("tenant");
        return new TenantLoginDetails(
                tenant == null ? "" : tenant.trim().toLowerCase(), request.getHeader("User-Agent"), null);
    }
}
