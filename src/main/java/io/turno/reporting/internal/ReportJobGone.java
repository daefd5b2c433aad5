package io.turno.reporting.internal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** A finished job whose file was removed after the time files are kept: 410. */
public final class ReportJobGone extends BusinessException {

    public ReportJobGone(String message) {
        super(HttpStatus.GONE, ProblemCode.GONE, message);
    }
}
