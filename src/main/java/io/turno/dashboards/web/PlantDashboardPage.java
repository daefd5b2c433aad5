package io.turno.dashboards.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.turno.dashboards.internal.DashboardFilterBar;
import io.turno.dashboards.internal.DashboardFilters;
import io.turno.dashboards.internal.Dashboards;
import io.turno.identity.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The plant's dashboard ({@code /production}, menu Planta): the OPERATOR role's template (the organization's
 * own or the built-in one) drawn by the home page's engine and script, {@code dashboard.js} with
 * {@code board=plant}, with its filter bar from the organization's FILTER configuration. The page itself
 * only settles the range: none given is the FILTER row's {@code days_back} up to today, a date the address
 * cannot read is left out and said, and a range that runs backwards is said instead of a dashboard.
 */
@Controller
class PlantDashboardPage {

    private final Dashboards dashboards;
    private final DashboardFilterBar filterBar;
    private final MessageSource messages;

    PlantDashboardPage(Dashboards dashboards, DashboardFilterBar filterBar, MessageSource messages) {
        this.dashboards = dashboards;
        this.filterBar = filterBar;
        this.messages = messages;
    }

    @GetMapping("/production")
    @PreAuthorize("hasAuthority('detections:read')")
    String plant(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(name = "shift_id", required = false) UUID shiftId,
            @RequestParam(name = "product_id", required = false) UUID productId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "from_time", required = false) String fromTime,
            @RequestParam(name = "to_time", required = false) String toTime,
            Model model) {
        LocalDate today = dashboards.today(caller.tenantId());
        LocalDate first = day(from);
        LocalDate last = day(to);
        LocalTime start = time(given(fromTime) ? fromTime : timeOf(from));
        LocalTime end = time(given(toTime) ? toTime : timeOf(to));
        String unreadable = first == null && given(from)
                ? from
                : last == null && given(to)
                        ? to
                        : start == null && given(fromTime) ? fromTime : end == null && given(toTime) ? toTime : null;
        if (unreadable != null) {
            model.addAttribute(
                    "addressProblem",
                    messages.getMessage("production.badRangeDate", new Object[] {unreadable}, locale));
        }
        if (first == null && last == null) {
            last = today;
            first = today.minusDays(filterBar.daysBack(caller.tenantId()) - 1L);
        }
        model.addAttribute("zone", dashboards.zone(caller.tenantId()).getId());
        try {
            DashboardFilters filters = new DashboardFilters(
                            first, last, lineId, null, shiftId, productId, null, start, end)
                    .completed(today);
            // The address the page's script reads its filters from: what was asked, the range settled.
            model.addAttribute(
                    "query",
                    UriComponentsBuilder.newInstance()
                            .queryParamIfPresent("line_id", Optional.ofNullable(lineId))
                            .queryParamIfPresent("shift_id", Optional.ofNullable(shiftId))
                            .queryParamIfPresent("product_id", Optional.ofNullable(productId))
                            .queryParam("from", filters.from())
                            .queryParam("to", filters.to())
                            .queryParamIfPresent("from_time", Optional.ofNullable(filters.fromTime()))
                            .queryParamIfPresent("to_time", Optional.ofNullable(filters.toTime()))
                            .build()
                            .getQuery());
        } catch (BindException e) {
            model.addAttribute(
                    "rangeError",
                    first != null && last != null && first.isAfter(last)
                            ? messages.getMessage("production.filter.reversed", null, locale)
                            : e.getFieldErrors().getFirst().getDefaultMessage());
        }
        return "dashboards/plant";
    }

    private static boolean given(String text) {
        return text != null && !text.isBlank();
    }

    private static LocalDate day(String text) {
        if (!given(text)) {
            return null;
        }
        try {
            // A date and time (a range configured with times, seed 002's show_time) gives its day here, its time below.
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String timeOf(String dateTime) {
        return given(dateTime) && dateTime.length() > 11 ? dateTime.substring(11) : null;
    }

    private static LocalTime time(String text) {
        if (!given(text)) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
