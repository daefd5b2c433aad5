package io.turno.identity.internal;

import java.io.IOException;

import io.turno.shared.BusinessException;
import io.turno.shared.TenantScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates {@code /api/**} requests carrying {@code Authorization: Bearer <access token>}.
 * A bad token is refused here with 401, even on routes anyone may call, so clients learn at once.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String SESSION_ATTRIBUTE = BearerTokenFilter.class.getName() + ".session";

    private final AuthService auth;
    private final HandlerExceptionResolver errors;

    BearerTokenFilter(AuthService auth, HandlerExceptionResolver errors) {
        this.auth = auth;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var token = AuthService.bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        AuthService.Caller caller;
        try {
            var claims = auth.verify(token.get());
            caller = TenantScope.call(claims.tenantId(), () -> auth.authenticate(claims));
        } catch (BusinessException rejected) {
            errors.resolveException(request, response, null, rejected);
            return;
        }
        var user = caller.user();
        request.setAttribute(SESSION_ATTRIBUTE, caller.sessionId());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, TenantUserAuthenticationProvider.authorities(user.roles(), user.permissions())));
        SecurityContextHolder.setContext(context);
        try {
            ScopedChain.proceed(user.tenantId(), chain, request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
