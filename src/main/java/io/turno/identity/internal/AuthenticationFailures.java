package io.turno.identity.internal;

import java.time.Duration;
import java.util.Map;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/**
 * The ways signing in or presenting a token can fail, each with its status and code. Public so that
 * pages can tell them apart and show each one next to the field it concerns.
 */
public final class AuthenticationFailures {

    private AuthenticationFailures() {}

    /** Same words whether the tenant, the user or the password was wrong. */
    public static final class InvalidCredentials extends BusinessException {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, ProblemCode.INVALID_CREDENTIALS, "Credenciales inválidas");
        }
    }

    static final class AccountLocked extends BusinessException {
        private final long retryAfterSeconds;

        AccountLocked(Duration remaining) {
            this("Cuenta bloqueada por intentos fallidos; inténtalo de nuevo en ", remaining);
        }

        static AccountLocked address(Duration remaining) {
            return new AccountLocked(
                    "Demasiados intentos fallidos desde esta dirección; inténtalo de nuevo en ", remaining);
        }

        private AccountLocked(String message, Duration remaining) {
            super(HttpStatus.LOCKED, ProblemCode.ACCOUNT_LOCKED, message + minutes(remaining) + " min.");
            this.retryAfterSeconds = Math.max(1, remaining.toSeconds());
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }

        private static long minutes(Duration remaining) {
            return Math.max(1, (remaining.toSeconds() + 59) / 60);
        }
    }

    static final class TokenRejected extends BusinessException {
        TokenRejected(AccessTokens.Rejection reason) {
            super(
                    HttpStatus.UNAUTHORIZED,
                    reason == AccessTokens.Rejection.EXPIRED ? ProblemCode.TOKEN_EXPIRED : ProblemCode.TOKEN_INVALID,
                    reason == AccessTokens.Rejection.EXPIRED
                            ? "El token expiró; renuévalo con POST /api/v1/auth/refresh."
                            : "El token no es válido o su sesión terminó; inicia sesión de nuevo.");
        }
    }

    public static final class WeakPassword extends BusinessException {
        WeakPassword() {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    "La contraseña debe tener al menos 8 caracteres, con mayúscula, minúscula y dígito.");
        }
    }
}
