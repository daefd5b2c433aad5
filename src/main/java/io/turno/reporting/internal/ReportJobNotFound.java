package io.turno.reporting.internal;

import java.util.UUID;

import io.turno.shared.NotFound;

/** No job with this id that the caller may see (another user's or another tenant's is not found either): 404. */
public final class ReportJobNotFound extends NotFound {

    public ReportJobNotFound(UUID id) {
        super("Trabajo de informe", id.toString());
    }
}
