package io.turno.shared;

import java.util.HashMap;

import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/**
 * Collects per-field refusals and throws them as one 422 VALIDATION_FAILED with its field errors, as Bean
 * Validation does (checked, so the methods that refuse declare it and proxies pass it through). The web
 * layer answers a BindException with 422 and its field errors.
 */
public final class Invalid {

    private final MapBindingResult errors = new MapBindingResult(new HashMap<>(), "request");

    public void reject(String field, String message) {
        errors.addError(new FieldError("request", field, message));
    }

    public void throwIfAny() throws BindException {
        if (errors.hasErrors()) {
            throw new BindException(errors);
        }
    }
}
