package io.turno.identity.web;

import java.util.UUID;

import io.turno.identity.internal.AuthService;
import jakarta.servlet.http.HttpServletRequest;

/** The session id of the access token that authenticated this request. */
final class CallerSession {

    private CallerSession() {
    }

    static UUID of(HttpServletRequest request) {
        return AuthService.sessionAttribute(request);
    }
}
