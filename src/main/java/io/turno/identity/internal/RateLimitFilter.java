package io.turno.identity.internal;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

import io.turno.identity.CurrentUser;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * SPEC §1 rate limits on {@code /api/**}. The API chain holds two of these: {@link Scope#CLIENT}
 * before {@link BearerTokenFilter}, so every request counts against its IP (even one with a bad
 * token), and {@link Scope#USER} after it, so a signed-in user is limited wherever they call from.
 * Login, refresh and self-registration count only against the stricter per-IP login bucket. The page
 * chain holds a third, {@link Scope#PUBLIC_FORM}: the forms anyone may post without signing in
 * ("forgot password", the new password, self-registration while booking) count against that same
 * login bucket, and nothing else in the page chain is limited.
 */
class RateLimitFilter extends OncePerRequestFilter {

    enum Scope {
        CLIENT,
        USER,
        PUBLIC_FORM
    }

    /**
     * The public forms of the page chain, as {@code /password/reset}, {@code /<organization>/reservar/cuenta}
     * or a waitlist offer's link (guessing its secret is what the limit slows).
     */
    private static final java.util.regex.Pattern PUBLIC_FORMS = java.util.regex.Pattern.compile(
            "/password/(forgot|reset)|/[a-z0-9][a-z0-9-]{1,62}/reservar/cuenta|/waitlist/offers/[^/]+");

    private final Scope scope;
    private final RateLimits limits;
    private final IdentityProperties.RateLimit settings;
    private final HandlerExceptionResolver errors;

    RateLimitFilter(
            Scope scope, RateLimits limits, IdentityProperties.RateLimit settings, HandlerExceptionResolver errors) {
        this.scope = scope;
        this.limits = limits;
        this.settings = settings;
        this.errors = errors;
    }

    /** Two instances of this class sit in one chain: each needs its own once-per-request marker. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return RateLimitFilter.class.getName() + "." + scope + ".FILTERED";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var limited = switch (scope) {
            // The socket's peer address only: X-Forwarded-For is whatever the client wants it to be, so
            // trusting it would let anyone pick a fresh bucket per request. Behind a proxy, configure
            // Tomcat's RemoteIpValve (server.forward-headers-strategy) with the proxy's address instead.
            case CLIENT ->
                isLogin(request)
                        ? limits.hit("login-ip:" + request.getRemoteAddr(), settings.loginRequestsPerMinute())
                        : limits.hit("ip:" + request.getRemoteAddr(), settings.requestsPerMinute());
            case USER -> {
                var authentication = SecurityContextHolder.getContext().getAuthentication();
                yield authentication != null && authentication.getPrincipal() instanceof CurrentUser user
                        ? limits.hit("user:" + user.userId(), settings.requestsPerMinute())
                        : OptionalLong.empty();
            }
            case PUBLIC_FORM ->
                isPublicForm(request)
                        ? limits.hit("login-ip:" + request.getRemoteAddr(), settings.loginRequestsPerMinute())
                        : OptionalLong.empty();
        };
        if (limited.isPresent()) {
            errors.resolveException(request, response, null, new RateLimited(limited.getAsLong()));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod())
                && (path.equals("/api/v1/auth/login")
                        || path.equals("/api/v1/auth/refresh")
                        || path.equals("/api/v1/auth/register"));
    }

    private static boolean isPublicForm(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && PUBLIC_FORMS.matcher(path).matches();
    }

    static final class RateLimited extends BusinessException {
        private final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    ProblemCode.RATE_LIMITED,
                    "Demasiadas solicitudes; inténtalo de nuevo en " + retryAfterSeconds + " s.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
