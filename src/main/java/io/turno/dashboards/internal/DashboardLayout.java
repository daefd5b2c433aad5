package io.turno.dashboards.internal;

import java.util.List;
import java.util.Map;

/**
 * What a dashboard template says: its widgets in grid order, each as wide as 1–4 of the grid's four
 * columns, with its parameters (checked against the widget's schema before any save).
 */
public record DashboardLayout(List<Placement> widgets) {

    public static final int MAX_WIDGETS = 24;

    public DashboardLayout {
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
    }

    public record Placement(String widget, int width, Map<String, Object> parameters) {

        public Placement {
            parameters = parameters == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }
}
