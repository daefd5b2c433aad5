package io.turno.reporting.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** Parameters a report cannot run with: 422 VALIDATION_FAILED naming each one and what is wrong. */
public final class InvalidParameters extends BusinessException {

    private final Map<String, String> errors;

    public InvalidParameters(String detail, Map<String, String> errors) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemCode.VALIDATION_FAILED,
                detail + " " + String.join(", ", errors.keySet()));
        this.errors = new LinkedHashMap<>(errors);
    }

    @Override
    public Map<String, String> fieldErrors() {
        return errors;
    }
}
