package io.turno.dashboards.internal;

import java.util.Set;

/**
 * Computes the figures of some catalog widgets from one module's public API. The engine has already
 * checked the caller's permission for the widget and its parameters against the widget's schema.
 */
interface WidgetSource {

    Set<String> codes();

    /** The dashboard filters the widget {@code code} follows; the filter bar offers only these. */
    Set<DashboardFilter> filters(String code);

    WidgetData data(String code, WidgetContext context);

    /** Whether the widget {@code code} shows its reader's own figures (their appointments, their ticket). */
    default boolean personal(String code) {
        return false;
    }
}
