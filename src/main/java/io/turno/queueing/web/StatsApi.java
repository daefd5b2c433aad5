package io.turno.queueing.web;

import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.QueueStats;
import io.turno.queueing.internal.QueueStats.Report;
import io.turno.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "queue statistics", description = "How the branch's queues performed")
class StatsApi {

    private final QueueStats stats;

    StatsApi(QueueStats stats) {
        this.stats = stats;
    }

    @GetMapping(path = "/api/v1/queues/stats", produces = "application/json")
    @PreAuthorize("hasAuthority('queues:stats')")
    @Operation(
            summary = "Tickets, waiting and service times (average, p90) and no-shows per queue, desk, operator, "
                    + "priority or hour; days are the branch's, both ends included, today by default")
    Report stats(
            @AuthenticationPrincipal Actor actor,
            @RequestParam("branch_id") UUID branchId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "group_by", defaultValue = "queue") String groupBy) {
        return stats.report(actor, branchId, from, to, groupBy);
    }
}
