package io.turno.shared;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A domain fact that ends a request with a 4xx: modules subclass it with names such as
 * {@code TicketAlreadyCalled}; the web layer turns it into problem+json with its {@link #code()}.
 */
public abstract class BusinessException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    protected BusinessException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * The inputs at fault, by name (snake_case as the caller sent them), each with what is wrong:
     * answered as the problem's per-field {@code errors}. Empty for a fact about no one input.
     */
    public Map<String, String> fieldErrors() {
        return Map.of();
    }

    /** Response headers the caller needs to act, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
