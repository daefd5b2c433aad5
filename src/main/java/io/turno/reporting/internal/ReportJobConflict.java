package io.turno.reporting.internal;

import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import org.springframework.http.HttpStatus;

/** A job asked for something its status does not allow (the file before DONE, cancelling a finished job): 409. */
public final class ReportJobConflict extends BusinessException {

    public ReportJobConflict(String message) {
        super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, message);
    }
}
