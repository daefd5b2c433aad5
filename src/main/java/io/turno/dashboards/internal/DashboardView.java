package io.turno.dashboards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A dashboard as the caller sees it: the role whose template it follows ({@code source} BUILT_IN or TENANT,
 * {@code version} the organization's version in force), the range it covers when the caller gave one, and
 * the widgets the caller may see, in grid order. {@code token} is what {@code /refresh?since=} takes back;
 * {@code complete} is false on a refresh that left out the widgets whose figures did not change.
 */
public record DashboardView(
        String role,
        String source,
        @Nullable Integer version,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        Instant generatedAt,
        String token,
        boolean complete,
        List<PlacedWidget> widgets) {

    /**
     * One placed widget: its place in the template ({@code position}), what it is, its width in grid
     * columns, its parameters and its figures; {@code fingerprint} changes exactly when the figures do.
     * {@code filters} names the dashboard filters the widget follows ({@code daterange}, {@code line} …).
     * {@code error} says why the figures could not be computed (then {@code data} is absent).
     */
    public record PlacedWidget(
            int position,
            String widget,
            String name,
            String kind,
            int width,
            Map<String, Object> parameters,
            List<String> filters,
            @Nullable WidgetData data,
            @Nullable String fingerprint,
            @Nullable String error) {}
}
