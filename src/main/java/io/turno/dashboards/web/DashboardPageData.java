package io.turno.dashboards.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import io.turno.dashboards.internal.DashboardFilters;
import io.turno.dashboards.internal.DashboardView;
import io.turno.dashboards.internal.Dashboards;
import io.turno.identity.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The home page's dashboard data for the signed-in session (the API's chain takes bearer tokens only):
 * the same answers as {@code GET /api/v1/dashboard} and {@code /refresh}, read by {@code dashboard.js}.
 */
@RestController
class DashboardPageData {

    private final Dashboards dashboards;

    DashboardPageData(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping(path = "/dashboard/data", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:read')")
    DashboardView dashboard(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(name = "branch_id", required = false) UUID branchId)
            throws BindException {
        return dashboards.dashboard(
                caller, locale, DashboardFilters.of(from, to, lineId, branchId, dashboards.today(caller.tenantId())));
    }

    @GetMapping(path = "/dashboard/data/refresh", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:read')")
    DashboardView refresh(
            @AuthenticationPrincipal CurrentUser caller,
            Locale locale,
            @RequestParam String since,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(name = "branch_id", required = false) UUID branchId)
            throws BindException {
        return dashboards.refresh(
                caller,
                locale,
                DashboardFilters.of(from, to, lineId, branchId, dashboards.today(caller.tenantId())),
                since);
    }
}
