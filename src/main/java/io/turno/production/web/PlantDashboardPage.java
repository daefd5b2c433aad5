package io.turno.production.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.turno.production.internal.Downtime;
import io.turno.production.internal.Kpis;
import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.shared.Actor;
import io.turno.shared.Formats;
import io.turno.web.Formatting;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plant dashboard: filters (line, shift, and the date range as the organization's FILTER
 * configuration shows it), then a panel of KPI cards, Chart.js charts (production over time,
 * product mix, line comparison) and the downtime table with reason editing. htmx reloads the panel
 * ({@code /production/panel}, same filters) every 30 seconds; the charts read their data from the
 * panel's markup, so a reload redraws them.
 */
@Controller
@RequestMapping(PlantDashboardPage.PATH)
class PlantDashboardPage {

    static final String PATH = "/production";

    @Bean
    static NavigationEntry productionNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "production.nav", PATH, ProductionPermissions.DETECTIONS_READ, 10);
    }

    /**
     * What a chart shows: a label and a value per point, bar or slice; {@code keys}, when present, name
     * what each slice is (a product's code), so its colour stays the same whatever the order.
     */
    record ChartData(List<String> labels, List<Number> values, String current, List<String> keys) {
        ChartData(List<String> labels, List<Number> values, String current) {
            this(labels, values, current, null);
        }
    }

    /** How the date range filter shows: with times or days only, and its default span. */
    record RangeFilter(boolean show, boolean showTime, int daysBack) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Kpis kpis;
    private final Downtime downtime;
    private final PlantStructure plant;
    private final Formatting formatting;
    private final MessageSource messages;

    PlantDashboardPage(
            Kpis kpis, Downtime downtime, PlantStructure plant, Formatting formatting, MessageSource messages) {
        this.kpis = kpis;
        this.downtime = downtime;
        this.plant = plant;
        this.formatting = formatting;
        this.messages = messages;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('detections:read')")
    String dashboard(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(name = "shift_id", required = false) UUID shiftId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        fill(caller, lineId, shiftId, from, to, model);
        model.addAttribute("pageStyle", "/css/production.css");
        model.addAttribute("pageScript", "/js/production.js");
        return "production/dashboard";
    }

    /** The panel alone, as htmx reloads it. */
    @GetMapping("/panel")
    @PreAuthorize("hasAuthority('detections:read')")
    String panel(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(name = "shift_id", required = false) UUID shiftId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        fill(caller, lineId, shiftId, from, to, model);
        return "production/dashboard :: panel";
    }

    private void fill(Actor caller, UUID lineId, UUID shiftId, String from, String to, Model model) {
        List<Plant.Line> lines = plant.lines(caller, true, 0, 200).items();
        List<Plant.Shift> shifts = plant.shifts(caller, true, 0, 200).items();
        RangeFilter range = rangeFilter(plant.filters(caller));
        ZoneId zone = plant.zone(caller);
        // With days only, "Hasta" is the last day shown, so the range runs to the start of the next day;
        // with times it is the instant the range ends.
        LocalDateTime tomorrow = LocalDate.now(zone).plusDays(1).atStartOfDay();
        LocalDateTime end = range.showTime()
                ? parse(to, tomorrow)
                : parse(to, tomorrow.minusDays(1)).toLocalDate().plusDays(1).atStartOfDay();
        LocalDateTime start = parse(from, end.minusDays(range.daysBack()));
        // A date the address cannot read is left out, like any page's (docs/web.md#forms), and said.
        String unreadable = unreadable(from) ? from : unreadable(to) ? to : null;
        if (unreadable != null) {
            model.addAttribute(
                    "addressProblem",
                    messages.getMessage(
                            "production.badRangeDate", new Object[] {unreadable}, LocaleContextHolder.getLocale()));
        }
        boolean reversed = !start.isBefore(end);
        model.addAttribute("reversedRange", reversed);
        Plant.Line line = lines.stream()
                .filter(l -> l.id().equals(lineId))
                .findFirst()
                .orElse(lines.isEmpty() ? null : lines.getFirst());
        UUID shift = shifts.stream()
                .map(Plant.Shift::id)
                .filter(id -> id.equals(shiftId))
                .findFirst()
                .orElse(null);
        model.addAttribute("lines", lines);
        model.addAttribute("shifts", shifts);
        model.addAttribute("line", line);
        model.addAttribute("shiftId", shift);
        model.addAttribute("range", range);
        model.addAttribute(
                "from",
                range.showTime() ? start.toString() : start.toLocalDate().toString());
        model.addAttribute(
                "to",
                range.showTime()
                        ? end.toString()
                        : end.toLocalDate().minusDays(1).toString());
        model.addAttribute("zone", zone.getId());
        if (line != null && !reversed) {
            UriComponentsBuilder filters = UriComponentsBuilder.fromPath(PATH)
                    .queryParam("line_id", line.id())
                    .queryParam("from", model.getAttribute("from"))
                    .queryParam("to", model.getAttribute("to"))
                    .queryParamIfPresent("shift_id", java.util.Optional.ofNullable(shift));
            model.addAttribute("returnTo", filters.build().toUriString());
            model.addAttribute(
                    "panelUrl", filters.replacePath(PATH + "/panel").build().toUriString());
            Instant a = start.atZone(zone).toInstant();
            Instant b = end.atZone(zone).toInstant();
            Kpis.Interval interval =
                    Duration.between(a, b).compareTo(Duration.ofDays(2)) <= 0 ? Kpis.Interval.HOUR : Kpis.Interval.DAY;
            model.addAttribute("interval", interval.name().toLowerCase(Locale.ROOT));
            model.addAttribute("kpis", kpis.kpis(caller.tenantId(), line.id(), a, b, shift));
            List<Kpis.Point> series = kpis.series(caller.tenantId(), line.id(), a, b, interval, null);
            // The axis reads as the page does: the plant's zone, the reader's language.
            Formats axis = formatting.current().inZone(zone);
            model.addAttribute(
                    "productionTotal",
                    series.stream().mapToLong(Kpis.Point::total).sum());
            model.addAttribute(
                    "production",
                    json(new ChartData(
                            series.stream()
                                    .map(p -> interval == Kpis.Interval.HOUR
                                            ? axis.dateTime(p.start())
                                            : axis.date(p.start()))
                                    .toList(),
                            series.stream().<Number>map(Kpis.Point::total).toList(),
                            null)));
            List<Kpis.ProductShare> mix = kpis.productMix(caller.tenantId(), line.id(), a, b);
            model.addAttribute(
                    "mix",
                    json(new ChartData(
                            mix.stream()
                                    .map(p -> p.name() != null ? p.name() : String.valueOf(p.code()))
                                    .toList(),
                            mix.stream().<Number>map(Kpis.ProductShare::total).toList(),
                            null,
                            mix.stream().map(p -> String.valueOf(p.code())).toList())));
            var comparison = kpis.compare(
                    caller.tenantId(),
                    lines.stream().map(Plant.Line::id).limit(12).toList(),
                    a,
                    b,
                    Kpis.Metric.PRODUCTION);
            model.addAttribute(
                    "comparison",
                    json(new ChartData(
                            comparison.stream().map(c -> c.code()).toList(),
                            comparison.stream()
                                    .<Number>map(c -> c.value() == null ? 0 : Math.round(c.value()))
                                    .toList(),
                            line.code())));
            model.addAttribute(
                    "downtime",
                    downtime.events(caller.tenantId(), line.id(), a, b, 0, 50).items());
        }
    }

    private static String json(ChartData data) {
        return JSON.writeValueAsString(data);
    }

    @PostMapping("/downtime/{id}")
    @PreAuthorize("hasAuthority('downtime:update')")
    String explain(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(name = "return_to", required = false) String returnTo) {
        String text = reason == null ? null : reason.strip();
        downtime.explain(caller, id, text == null || text.length() <= 500 ? text : text.substring(0, 500));
        // Back to the same filters, on this page only.
        String back = returnTo != null && returnTo.startsWith(PATH + "?") ? returnTo : PATH;
        return "redirect:" + UriComponentsBuilder.fromUriString(back).build().toUriString();
    }

    static RangeFilter rangeFilter(List<Plant.Filter> filters) {
        for (Plant.Filter filter : filters) {
            var additional = filter.additional();
            if (additional != null
                    && additional.has("type")
                    && "daterange".equals(additional.get("type").asString())) {
                int days = filter.defaultValue() != null
                                && filter.defaultValue().has("days_back")
                        ? Math.max(
                                1,
                                Math.min(
                                        366,
                                        filter.defaultValue().get("days_back").asInt()))
                        : 7;
                return new RangeFilter(
                        filter.status(),
                        additional.has("show_time")
                                && additional.get("show_time").asBoolean(),
                        days);
            }
        }
        return new RangeFilter(true, false, 7);
    }

    private static boolean unreadable(String text) {
        return text != null && !text.isBlank() && parse(text, null) == null;
    }

    private static LocalDateTime parse(String text, LocalDateTime otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
