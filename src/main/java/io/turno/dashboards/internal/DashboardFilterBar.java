package io.turno.dashboards.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.turno.identity.CurrentUser;
import io.turno.production.PlantStatistics;
import io.turno.queueing.QueueStatistics;
import io.turno.scheduling.AppointmentStatistics;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The filter bar of the caller's dashboard, generated from configuration: one field for each filter that a
 * widget of the caller's dashboard follows, unless the organization's FILTER row of that type (seed 002)
 * switches it off; named, ordered and (for the date range) given its default span by that row. A choice
 * with nothing to choose (a plant without lines …) is left out.
 */
@Service
public class DashboardFilterBar {

    /**
     * One field: a date range ({@code daysBack}; with {@code showTime} a time beside each day) or a choice among
     * {@code options}.
     */
    public record Field(
            String type,
            String param,
            String label,
            @Nullable String allLabel,
            @Nullable String fromLabel,
            @Nullable String toLabel,
            @Nullable String timeLabel,
            @Nullable Integer daysBack,
            boolean showTime,
            List<Option> options) {}

    public record Option(String value, String label) {}

    public record Bar(List<Field> filters) {}

    private final Dashboards dashboards;
    private final PlantStatistics plant;
    private final QueueStatistics queues;
    private final AppointmentStatistics appointments;

    DashboardFilterBar(
            Dashboards dashboards, PlantStatistics plant, QueueStatistics queues, AppointmentStatistics appointments) {
        this.dashboards = dashboards;
        this.plant = plant;
        this.queues = queues;
        this.appointments = appointments;
    }

    public Bar bar(CurrentUser user, Locale locale, Board board) {
        Set<DashboardFilter> used = dashboards.filtersFor(user, board);
        Map<String, PlantStatistics.FilterSetting> settings = new HashMap<>();
        plant.filterSettings(user.tenantId()).forEach(s -> settings.putIfAbsent(s.type(), s));
        boolean english = "en".equals(locale.getLanguage());
        List<DashboardFilter> order = new ArrayList<>(used);
        // Configured filters in their FILTER position, then the others in the catalog's order.
        order.sort(Comparator.comparingInt((DashboardFilter f) ->
                        settings.containsKey(f.type()) ? settings.get(f.type()).position() : Integer.MAX_VALUE)
                .thenComparing(Enum::ordinal));
        List<Field> fields = new ArrayList<>();
        for (DashboardFilter filter : order) {
            var setting = settings.get(filter.type());
            if (setting != null && !setting.shown()) {
                continue;
            }
            String label = setting != null ? setting.name() : defaultLabel(filter, english);
            String all = english ? "All" : "Todos";
            if (filter == DashboardFilter.DATE_RANGE) {
                fields.add(new Field(
                        filter.type(),
                        filter.param(),
                        label,
                        null,
                        english ? "From" : "Desde",
                        english ? "To" : "Hasta",
                        english ? "time" : "hora",
                        setting == null ? null : setting.daysBack(),
                        setting != null && setting.showTime(),
                        List.of()));
                continue;
            }
            List<Option> options = options(filter, user.tenantId());
            if (!options.isEmpty()) {
                fields.add(
                        new Field(filter.type(), filter.param(), label, all, null, null, null, null, false, options));
            }
        }
        return new Bar(fields);
    }

    /** How many days the date range spans when none is chosen: the FILTER row's {@code days_back}, else 7. */
    public int daysBack(TenantId tenant) {
        return plant.filterSettings(tenant).stream()
                .filter(s -> s.type().equals(DashboardFilter.DATE_RANGE.type()))
                .map(PlantStatistics.FilterSetting::daysBack)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(WidgetContext.DEFAULT_DAYS);
    }

    private List<Option> options(DashboardFilter filter, TenantId tenant) {
        return switch (filter) {
            case LINE ->
                plant.lines(tenant).stream()
                        .map(l -> new Option(l.id().toString(), l.name()))
                        .toList();
            case SHIFT ->
                plant.shifts(tenant).stream()
                        .map(s -> new Option(s.id().toString(), s.name()))
                        .toList();
            case PRODUCT ->
                plant.products(tenant).stream()
                        .map(p -> new Option(p.id().toString(), p.name()))
                        .toList();
            case BRANCH ->
                queues.branches(tenant).stream()
                        .map(b -> new Option(b.id().toString(), b.name()))
                        .toList();
            case PRACTITIONER ->
                appointments.practitioners(tenant).stream()
                        .map(p -> new Option(p.id().toString(), p.name()))
                        .toList();
            case DATE_RANGE -> List.of();
        };
    }

    private static String defaultLabel(DashboardFilter filter, boolean english) {
        return switch (filter) {
            case DATE_RANGE -> english ? "Dates" : "Fechas";
            case LINE -> english ? "Line" : "Línea";
            case SHIFT -> english ? "Shift" : "Turno";
            case PRODUCT -> english ? "Product" : "Producto";
            case BRANCH -> english ? "Branch" : "Sede";
            case PRACTITIONER -> english ? "Practitioner" : "Profesional";
        };
    }
}
