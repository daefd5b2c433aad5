package io.turno.identity.internal;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;

/** What a login form sends besides username and password: the tenant, and where the request came from. */
record TenantLoginDetails(String tenant, String ip, String userAgent) implements Serializable {

    static TenantLoginDetails from(HttpServletRequest request) {
        String tenant = request.getParameter("tenant");
        return new TenantLoginDetails(tenant == null ? "" : tenant.trim().toLowerCase(), request.getRemoteAddr(),
                request.getHeader("User-Agent"));
    }
}
