package io.turno.dashboards.internal;

import java.util.Locale;

/**
 * A filter a dashboard can be narrowed by: its query parameter ({@code param}) and the {@code type} of the
 * organization's FILTER rows (seed 002's {@code additional_filter.type}) that configures it. Each widget source
 * declares which of them its widgets follow; the filter bar shows only those of the caller's widgets.
 */
public enum DashboardFilter {
    DATE_RANGE("from", "daterange"),
    LINE("line_id", "line"),
    SHIFT("shift_id", "shift"),
    PRODUCT("product_id", "product"),
    BRANCH("branch_id", "branch"),
    PRACTITIONER("practitioner_id", "practitioner");

    private final String param;
    private final String type;

    DashboardFilter(String param, String type) {
        this.param = param;
        this.type = type;
    }

    /** The query parameter (the date range has two: {@code from} and {@code to}). */
    public String param() {
        return param;
    }

    /** The FILTER row's type, also the name the API gives the filter. */
    public String type() {
        return type;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
