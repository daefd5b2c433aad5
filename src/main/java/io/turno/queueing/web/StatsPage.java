package io.turno.queueing.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.turno.queueing.internal.BranchService;
import io.turno.queueing.internal.BranchService.BranchView;
import io.turno.queueing.internal.QueueStats;
import io.turno.queueing.internal.QueueStats.Row;
import io.turno.queueing.internal.QueueingPermissions;
import io.turno.shared.Actor;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.annotation.Bean;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queue statistics for a supervisor: over a span of the branch's days, the waits (median and 90th
 * percentile, in minutes) per priority, per desk and per hour of arrival, and tickets and abandoned
 * ones (no-shows and expired) per hour; each as a Chart.js chart with the same figures in a table
 * beside it for whoever cannot see the chart. The figures are those of {@code GET /api/v1/queues/stats}.
 */
@Controller
class StatsPage {

    static final String PATH = "/queueing/stats";

    /** The week up to today when no span is asked for. */
    static final int DEFAULT_DAYS = 7;

    /** One chart's figures: a label per group and one series per measure, as queue-stats.js draws them. */
    record Chart(List<String> labels, List<Series> series) {}

    record Series(String key, List<Number> values) {}

    /** A grouping's rows with its chart. */
    record Section(String key, List<Row> rows, String chart) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueueStats stats;
    private final BranchService branches;
    private final Clock clock;

    StatsPage(QueueStats stats, BranchService branches, Clock clock) {
        this.stats = stats;
        this.branches = branches;
        this.clock = clock;
    }

    @Bean
    static NavigationEntry queueStatsNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.queueStats", PATH, QueueingPermissions.QUEUES_STATS, 54);
    }

    @PreAuthorize("hasAuthority('queues:stats')")
    @GetMapping(PATH)
    String stats(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) UUID branch,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        List<BranchView> all = branches.list(actor, null, true, 0, 200).items();
        BranchView chosen = all.stream()
                .filter(b -> b.id().equals(branch))
                .findFirst()
                .orElse(all.isEmpty() ? null : all.getFirst());
        model.addAttribute("branches", all);
        model.addAttribute("pageScript", "/js/queue-stats.js");
        model.addAttribute("pageStyle", "/css/queue-stats.css");
        if (chosen == null) {
            model.addAttribute("sections", List.of());
            return "queueing/stats";
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(chosen.timeZone()));
        to = to == null ? today : to;
        from = from == null ? to.minusDays(DEFAULT_DAYS - 1) : from;
        model.addAttribute("branch", chosen);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        String problem = from.isAfter(to)
                ? "queueStats.error.order"
                : ChronoUnit.DAYS.between(from, to) >= QueueStats.MAX_DAYS ? "queueStats.error.span" : null;
        if (problem != null) {
            model.addAttribute("problem", problem);
            model.addAttribute("maxDays", QueueStats.MAX_DAYS);
            model.addAttribute("sections", List.of());
            return "queueing/stats";
        }
        List<Section> sections = new ArrayList<>();
        for (String grouping : List.of("priority", "desk", "hour")) {
            List<Row> rows =
                    stats.report(actor, chosen.id(), from, to, grouping).rows();
            sections.add(new Section(grouping, rows, waits(rows)));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("volume", volume(sections.getLast().rows()));
        model.addAttribute(
                "tickets",
                sections.getFirst().rows().stream().mapToLong(Row::tickets).sum());
        return "queueing/stats";
    }

    private static String waits(List<Row> rows) {
        return JSON.writeValueAsString(new Chart(
                rows.stream().map(StatsPage::label).toList(),
                List.of(
                        new Series(
                                "p50",
                                rows.stream()
                                        .map(r -> minutes(r.p50WaitSeconds()))
                                        .toList()),
                        new Series(
                                "p90",
                                rows.stream()
                                        .map(r -> minutes(r.p90WaitSeconds()))
                                        .toList()))));
    }

    private static String volume(List<Row> hours) {
        return JSON.writeValueAsString(new Chart(
                hours.stream().map(StatsPage::label).toList(),
                List.of(
                        new Series(
                                "tickets",
                                hours.stream().<Number>map(Row::tickets).toList()),
                        new Series(
                                "abandoned",
                                hours.stream().<Number>map(StatsPage::abandoned).toList()))));
    }

    /** Who left without being served: not there when called, or never called before the day ended. */
    static long abandoned(Row row) {
        return row.noShows() + row.expired();
    }

    /** A group without a key (tickets no desk took) is named by the page, in its language. */
    private static String label(Row row) {
        return row.key() == null ? null : row.label();
    }

    private static Number minutes(Double seconds) {
        return seconds == null ? 0 : Math.round(seconds / 6.0) / 10.0;
    }
}
