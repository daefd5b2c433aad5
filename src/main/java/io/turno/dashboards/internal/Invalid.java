package io.turno.dashboards.internal;

import java.util.HashMap;

import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * Collects per-field refusals and throws them as one 422 VALIDATION_FAILED with its field errors, as Bean
 * Validation does (checked, so the methods that refuse declare it and proxies pass it through).
 */
final class Invalid {

    private final MapBindingResult errors = new MapBindingResult(new HashMap<>(), "request");

    void reject(String field, String message) {
        errors.addError(new FieldError("request", field, message));
    }

    void throwIfAny() throws BindException {
        if (errors.hasErrors()) {
            throw new BindException(errors);
        }
    }
}
