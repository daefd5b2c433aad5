package io.turno.identity.internal;

import java.io.IOException;

import io.turno.identity.CurrentUser;
import io.turno.shared.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the browser's cookie session to its session row: once the row has ended (logout elsewhere,
 * password change, session limit, idle timeout, user deactivated) the browser is signed out too,
 * and while it is open each page sees the roles and permissions the user holds now.
 */
class WebSessionFilter extends OncePerRequestFilter {

    private final AuthService auth;

    WebSessionFilter(AuthService auth) {
        this.auth = auth;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof CurrentUser user
                && authentication.getDetails() instanceof TenantLoginDetails login
                && login.sessionId() != null) {
            var current = TenantScope.call(
                    user.tenantId(), () -> auth.openSessionUser(user.tenantId(), login.sessionId(), user.userId()));
            if (current.isEmpty()) {
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            var refreshed = UsernamePasswordAuthenticationToken.authenticated(
                    current.get(),
                    null,
                    TenantUserAuthenticationProvider.authorities(
                            current.get().roles(), current.get().permissions()));
            refreshed.setDetails(login);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(refreshed);
            SecurityContextHolder.setContext(context);
            ScopedChain.proceed(user.tenantId(), chain, request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
