package io.turno.dashboards.web;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.dashboards.internal.Board;
import io.turno.dashboards.internal.DashboardFilterBar;
import io.turno.dashboards.internal.DashboardFilters;
import io.turno.dashboards.internal.DashboardStreams;
import io.turno.dashboards.internal.DashboardView;
import io.turno.dashboards.internal.Dashboards;
import io.turno.identity.CurrentUser;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The caller's dashboard: the template of their role (the organization's own or the built-in one), each
 * widget they may see with its figures ready for Chart.js. Every route binds its filters, from the query
 * parameters, into one {@link DashboardFilters}. Every query is recorded in the query log. The
 * home page's {@code dashboard.js} reads the same answers at {@code /dashboard/data…} with its session
 * (the API's chain takes bearer tokens only).
 */
@RestController
@Validated
@RequestMapping(produces = "application/json")
@Tag(name = "dashboard", description = "The caller's dashboard and its widgets' figures")
class DashboardApi {

    private final Dashboards dashboards;
    private final DashboardFilterBar filterBar;
    private final DashboardStreams streams;

    DashboardApi(Dashboards dashboards, DashboardFilterBar filterBar, DashboardStreams streams) {
        this.dashboards = dashboards;
        this.filterBar = filterBar;
        this.streams = streams;
    }

    @GetMapping({"/api/v1/dashboard", "/dashboard/data"})
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(
            summary = "The caller's dashboard; from–to (days of the organization, both included, at most 366) replace "
                    + "each widget's own days, line_id and branch_id its line or branch; shift_id, product_id and "
                    + "practitioner_id narrow the widgets that follow them")
    DashboardView dashboard(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @Parameter(description = "plant: the plant's dashboard (the OPERATOR role's template); none: the caller's")
                    @RequestParam(required = false)
                    String board,
            DashboardFilters filters)
            throws BindException {
        return dashboards.dashboard(
                caller, locale, Board.of(board), filters.completed(dashboards.today(caller.tenantId())));
    }

    @GetMapping({"/api/v1/dashboard/refresh", "/dashboard/data/refresh"})
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(
            summary = "Only the widgets whose figures changed since the dashboard whose token is «since» "
                    + "(complete=false); every widget when the template changed (complete=true)")
    DashboardView refresh(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @Parameter(description = "plant: the plant's dashboard (the OPERATOR role's template); none: the caller's")
                    @RequestParam(required = false)
                    String board,
            @RequestParam @Size(max = 2000) String since,
            DashboardFilters filters)
            throws BindException {
        return dashboards.refresh(
                caller, locale, Board.of(board), filters.completed(dashboards.today(caller.tenantId())), since);
    }

    @GetMapping(
            path = {"/api/v1/dashboard/stream", "/dashboard/data/stream"},
            produces = "text/event-stream")
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(
            summary = "Server-Sent Events: 'ready' at once, then 'changed' (the widgets whose figures may have moved "
                    + "and the branch) at each ticket change of the caller's organization, on any instance; "
                    + "ask /refresh then")
    SseEmitter stream(@AuthenticationPrincipal CurrentUser caller) {
        return streams.subscribe(caller.tenantId());
    }

    @GetMapping({"/api/v1/dashboard/widgets", "/dashboard/data/widgets"})
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(
            summary = "The named widgets only (codes of the widget catalog), with the parameters the caller's "
                    + "template gives them; those the caller may not see are left out")
    DashboardView widgets(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @Parameter(description = "plant: the plant's dashboard (the OPERATOR role's template); none: the caller's")
                    @RequestParam(required = false)
                    String board,
            @Parameter(description = "Comma-separated widget codes", explode = Explode.FALSE)
                    @RequestParam
                    @Size(min = 1, max = 24)
                    List<String> types,
            DashboardFilters filters)
            throws BindException {
        return dashboards.widgets(
                caller, locale, Board.of(board), filters.completed(dashboards.today(caller.tenantId())), types);
    }

    @GetMapping({"/api/v1/dashboard/filters", "/dashboard/data/filters"})
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(
            summary = "The filter bar of the caller's dashboard: the filters its widgets follow, as the "
                    + "organization's FILTER configuration names, orders or switches them off, with their choices")
    DashboardFilterBar.Bar filterBar(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @Parameter(description = "plant: the plant's dashboard (the OPERATOR role's template); none: the caller's")
                    @RequestParam(required = false)
                    String board)
            throws BindException {
        return filterBar.bar(caller, locale, Board.of(board));
    }
}
