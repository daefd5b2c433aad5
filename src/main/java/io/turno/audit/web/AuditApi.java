package io.turno.audit.web;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.audit.AuditLog;
import io.turno.audit.AuditLog.AuditQuery;
import io.turno.audit.AuditLog.AuditRecord;
import io.turno.audit.AuditLog.ChainVerification;
import io.turno.audit.QueryLog;
import io.turno.audit.QueryLog.QueryRecord;
import io.turno.audit.QueryLog.QuerySearch;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
@Tag(name = "audit", description = "The tenant's tamper-evident audit log")
class AuditApi {

    private final AuditLog audit;
    private final QueryLog queries;

    AuditApi(AuditLog audit, QueryLog queries) {
        this.audit = audit;
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('audit:read')")
    @Operation(summary = "Search the tenant's audit entries, newest first")
    PageResult<AuditRecord> search(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(name = "actor", required = false) String actorName,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String entity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        var query = new AuditQuery(
                actorName, action, entity, from == null ? null : from.toInstant(), to == null ? null : to.toInstant());
        return audit.search(actor.tenantId(), query, page, size);
    }

    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('audit:verify')")
    @Operation(summary = "Walk the tenant's hash chain and report the first broken entry")
    ChainVerification verify(@AuthenticationPrincipal Actor actor) {
        return audit.verify(actor.tenantId());
    }

    @GetMapping("/queries")
    @PreAuthorize("hasAuthority('audit:read')")
    @Operation(summary = "Dashboard and report queries the tenant's users ran, newest first")
    PageResult<QueryRecord> queries(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return queries.search(
                actor.tenantId(),
                new QuerySearch(
                        username, kind, from == null ? null : from.toInstant(), to == null ? null : to.toInstant()),
                page,
                size);
    }
}
