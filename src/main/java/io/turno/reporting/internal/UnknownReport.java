package io.turno.reporting.internal;

import io.turno.shared.NotFound;

/** No report of the catalog has this code (or format): 404. */
public final class UnknownReport extends NotFound {

    public UnknownReport(String what, String code) {
        super(what, code);
    }
}
