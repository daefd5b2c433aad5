package io.turno.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is asking and from where, for the request this thread serves. A handler declares a
 * {@code RequestContext} parameter to receive it; services never take the client address as a
 * parameter: what needs it (the audit log, sign-in throttling) reads {@link #currentClientIp()}.
 *
 * @param actor    the signed-in user, or null for an anonymous request
 * @param clientIp the socket peer's address (never X-Forwarded-For, which any client can forge), or
 *                 null outside a request: jobs, listeners, the demo seeders
 */
public record RequestContext(Actor actor, String clientIp) {

    /** The actor's tenant, or null for an anonymous request. */
    public TenantId tenant() {
        return actor == null ? null : actor.tenantId();
    }

    public static RequestContext current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Actor actor = authentication != null && authentication.getPrincipal() instanceof Actor a ? a : null;
        return new RequestContext(actor, currentClientIp());
    }

    /** The client address of the request this thread serves, or null outside a request. */
    public static String currentClientIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : null;
    }
}
