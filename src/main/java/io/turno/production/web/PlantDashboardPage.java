package io.turno.production.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.turno.production.internal.Downtime;
import io.turno.production.internal.Kpis;
import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.shared.Actor;
import io.turno.web.NavigationEntry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
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

/**
 * The plant dashboard: filters (line, shift, and the date range as the organization's FILTER
 * configuration shows it), KPI cards, production over time, product mix, line comparison and the
 * downtime table with reason editing. The charts are SVG drawn here: no script needed to see them.
 */
@Controller
@RequestMapping(PlantDashboardPage.PATH)
class PlantDashboardPage {

    static final String PATH = "/production";
    static final int WIDTH = 600;
    static final int HEIGHT = 200;

    @Bean
    static NavigationEntry productionNavigation() {
        return new NavigationEntry("production.nav", PATH, "detections:read", 60);
    }

    /** A bar or a point of a chart, in the SVG's coordinates. */
    record Mark(double x, double y, double width, double height, String label, String value) {
    }

    record LineChart(String points, List<Mark> marks, long max, long total) {
    }

    /** How the date range filter shows: with times or days only, and its default span. */
    record RangeFilter(boolean show, boolean showTime, int daysBack) {
    }

    private final Kpis kpis;
    private final Downtime downtime;
    private final PlantStructure plant;

    PlantDashboardPage(Kpis kpis, Downtime downtime, PlantStructure plant) {
        this.kpis = kpis;
        this.downtime = downtime;
        this.plant = plant;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('detections:read')")
    String dashboard(@AuthenticationPrincipal Actor caller,
                     @RequestParam(name = "line_id", required = false) UUID lineId,
                     @RequestParam(name = "shift_id", required = false) UUID shiftId,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Model model) {
        List<Plant.Line> lines = plant.lines(caller, true, 0, 200).items();
        List<Plant.Shift> shifts = plant.shifts(caller, true, 0, 200).items();
        RangeFilter range = rangeFilter(plant.filters(caller));
        ZoneId zone = plant.zone(caller);
        LocalDateTime end = parse(to, LocalDate.now(zone).plusDays(1).atStartOfDay());
        LocalDateTime start = parse(from, end.minusDays(range.daysBack()));
        if (!start.isBefore(end)) {
            start = end.minusDays(1);
        }
        Plant.Line line = lines.stream().filter(l -> l.id().equals(lineId)).findFirst()
                .orElse(lines.isEmpty() ? null : lines.getFirst());
        UUID shift = shifts.stream().map(Plant.Shift::id).filter(id -> id.equals(shiftId)).findFirst().orElse(null);
        model.addAttribute("lines", lines);
        model.addAttribute("shifts", shifts);
        model.addAttribute("line", line);
        model.addAttribute("shiftId", shift);
        model.addAttribute("range", range);
        model.addAttribute("from", range.showTime() ? start.toString() : start.toLocalDate().toString());
        model.addAttribute("to", range.showTime() ? end.toString() : end.toLocalDate().toString());
        model.addAttribute("zone", zone.getId());
        model.addAttribute("pageStyle", "/css/production.css");
        model.addAttribute("pageScript", "/js/production.js");
        if (line != null) {
            model.addAttribute("returnTo", UriComponentsBuilder.fromPath(PATH).queryParam("line_id", line.id())
                    .queryParam("from", model.getAttribute("from")).queryParam("to", model.getAttribute("to"))
                    .queryParamIfPresent("shift_id", java.util.Optional.ofNullable(shift)).build().toUriString());
            Instant a = start.atZone(zone).toInstant();
            Instant b = end.atZone(zone).toInstant();
            Kpis.Interval interval = Duration.between(a, b).compareTo(Duration.ofDays(2)) <= 0 ? Kpis.Interval.HOUR
                    : Kpis.Interval.DAY;
            model.addAttribute("interval", interval.name().toLowerCase(Locale.ROOT));
            model.addAttribute("kpis", kpis.kpis(caller.tenantId(), line.id(), a, b, shift));
            model.addAttribute("production", lineChart(kpis.series(caller.tenantId(), line.id(), a, b, interval, null)));
            List<Kpis.ProductShare> mix = kpis.productMix(caller.tenantId(), line.id(), a, b);
            model.addAttribute("mix", bars(mix.stream().map(p -> new Mark(0, 0, 0, 0, p.code(), String.valueOf(p.total()))).toList()));
            model.addAttribute("comparison", bars(kpis.compare(caller.tenantId(), lines.stream().map(Plant.Line::id).limit(12).toList(),
                    a, b, Kpis.Metric.PRODUCTION).stream()
                    .map(c -> new Mark(0, 0, 0, 0, c.code(), String.valueOf(Math.round(c.value() == null ? 0 : c.value())))).toList()));
            model.addAttribute("downtime", downtime.events(caller.tenantId(), line.id(), a, b, 0, 50).items());
        }
        return "production/dashboard";
    }

    @PostMapping("/downtime/{id}")
    @PreAuthorize("hasAuthority('downtime:update')")
    String explain(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, @RequestParam(required = false) String reason,
                   @RequestParam(name = "return_to", required = false) String returnTo, HttpServletRequest http) {
        String text = reason == null ? null : reason.strip();
        downtime.explain(caller, id, text == null || text.length() <= 500 ? text : text.substring(0, 500), http.getRemoteAddr());
        // Back to the same filters, on this page only.
        String back = returnTo != null && returnTo.startsWith(PATH + "?") ? returnTo : PATH;
        return "redirect:" + UriComponentsBuilder.fromUriString(back).build().toUriString();
    }

    static RangeFilter rangeFilter(List<Plant.Filter> filters) {
        for (Plant.Filter filter : filters) {
            var additional = filter.additional();
            if (additional != null && additional.has("type") && "daterange".equals(additional.get("type").asString())) {
                int days = filter.defaultValue() != null && filter.defaultValue().has("days_back")
                        ? Math.max(1, Math.min(366, filter.defaultValue().get("days_back").asInt())) : 7;
                return new RangeFilter(filter.status(), additional.has("show_time") && additional.get("show_time").asBoolean(), days);
            }
        }
        return new RangeFilter(true, false, 7);
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

    static LineChart lineChart(List<Kpis.Point> points) {
        long max = Math.max(1, points.stream().mapToLong(Kpis.Point::total).max().orElse(1));
        long total = points.stream().mapToLong(Kpis.Point::total).sum();
        StringBuilder path = new StringBuilder();
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double x = points.size() == 1 ? WIDTH / 2.0 : i * (double) WIDTH / (points.size() - 1);
            double y = HEIGHT - points.get(i).total() * (HEIGHT - 10.0) / max;
            path.append(path.isEmpty() ? "" : " ").append(Math.round(x * 10) / 10.0).append(',').append(Math.round(y * 10) / 10.0);
            marks.add(new Mark(x, y, 0, 0, points.get(i).label(), String.valueOf(points.get(i).total())));
        }
        return new LineChart(path.toString(), marks, max, total);
    }

    static List<Mark> bars(List<Mark> values) {
        long max = Math.max(1, values.stream().mapToLong(v -> Long.parseLong(v.value())).max().orElse(1));
        List<Mark> bars = new ArrayList<>();
        double slot = values.isEmpty() ? WIDTH : (double) WIDTH / values.size();
        for (int i = 0; i < values.size(); i++) {
            double height = Long.parseLong(values.get(i).value()) * (HEIGHT - 30.0) / max;
            bars.add(new Mark(i * slot + slot * 0.15, HEIGHT - 20 - height, slot * 0.7, height, values.get(i).label(),
                    values.get(i).value()));
        }
        return bars;
    }
}
