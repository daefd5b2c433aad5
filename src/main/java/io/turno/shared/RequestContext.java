package io.turno.shared;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the request this thread serves comes from. Handlers receive the actor (and through it the
 * tenant) as {@code @AuthenticationPrincipal Actor}; services never take the client address as a
 * parameter: what needs it (the audit log, sign-in throttling, a new session) reads it here.
 */
public final class RequestContext {

    private RequestContext() {}

    /**
     * The socket peer's address (never X-Forwarded-For, which any client can forge), or null outside a
     * request: jobs, listeners, the demo seeders.
     */
    public static String currentClientIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : null;
    }
}
