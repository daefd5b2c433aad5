package io.turno.identity.internal;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * What a refused sign-in typed, kept for the login page it is sent back to: the organization and
 * the user, and whether a password was typed at all — never the password itself.
 */
public record SignInAttempt(String tenant, String username, boolean passwordTyped) implements Serializable {

    private static final String KEY = SignInAttempt.class.getName();

    /** The attempt the last refused sign-in of this browser left, read once. */
    public static Optional<SignInAttempt> recall(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(KEY) instanceof SignInAttempt attempt)) {
            return Optional.empty();
        }
        session.removeAttribute(KEY);
        return Optional.of(attempt);
    }

    /** Sends a refused sign-in back to {@code /login?error} with what it typed remembered. */
    static final class Remembered extends SimpleUrlAuthenticationFailureHandler {

        Remembered() {
            super("/login?error");
        }

        @Override
        public void onAuthenticationFailure(
                HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
                throws IOException, ServletException {
            String password = request.getParameter("password");
            request.getSession()
                    .setAttribute(
                            KEY,
                            new SignInAttempt(
                                    clip(request.getParameter("tenant")),
                                    clip(request.getParameter("username")),
                                    password != null && !password.isEmpty()));
            super.onAuthenticationFailure(request, response, exception);
        }

        /** As typed, but no longer than a field of the form takes. */
        private static String clip(String typed) {
            return typed == null ? "" : typed.length() > 200 ? typed.substring(0, 200) : typed;
        }
    }
}
