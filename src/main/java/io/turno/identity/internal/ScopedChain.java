package io.turno.identity.internal;

import java.io.IOException;

import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** The rest of a signed-in request runs in its user's tenant scope. */
final class ScopedChain {

    private ScopedChain() {}

    static void proceed(TenantId tenant, FilterChain chain, ServletRequest request, ServletResponse response)
            throws IOException, ServletException {
        try {
            TenantScope.call(tenant, () -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
