package io.turno.production.web;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.audit.QueryLog;
import io.turno.production.internal.Downtime;
import io.turno.production.internal.Kpis;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The lines' KPIs, production series, product mix, downtime and comparison; each query is recorded in the query log. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/production", produces = "application/json")
@Tag(name = "production kpis", description = "KPIs (OEE), production series and downtime")
class KpisApi {

    record ReasonRequest(@Size(max = 500) String reason) {}

    static final class UnknownChoice extends BusinessException {
        UnknownChoice(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final Kpis kpis;
    private final Downtime downtime;
    private final QueryLog queries;

    KpisApi(Kpis kpis, Downtime downtime, QueryLog queries) {
        this.kpis = kpis;
        this.downtime = downtime;
        this.queries = queries;
    }

    @GetMapping("/kpis")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(
            summary =
                    "Planned, downtime and run time, production, availability, performance, quality and OEE of a line in [from, to), optionally of one shift")
    Kpis.Summary summary(
            @AuthenticationPrincipal Actor caller,
            @RequestParam("line_id") UUID lineId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(name = "shift_id", required = false) UUID shiftId) {
        return logged(
                caller,
                "production.kpis",
                filters("line_id", lineId, "from", from, "to", to, "shift_id", shiftId),
                () -> kpis.kpis(caller.tenantId(), lineId, from.toInstant(), to.toInstant(), shiftId),
                s -> 1);
    }

    @GetMapping("/series")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(
            summary =
                    "Production at the line's OUTPUT per minute, hour, shift or day (plant time), optionally of one product")
    List<Kpis.Point> series(
            @AuthenticationPrincipal Actor caller,
            @RequestParam("line_id") UUID lineId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "hour") String interval,
            @RequestParam(name = "product_id", required = false) UUID productId) {
        Kpis.Interval chosen = choice(Kpis.Interval.class, interval, "interval");
        return logged(
                caller,
                "production.series",
                filters("line_id", lineId, "from", from, "to", to, "interval", interval, "product_id", productId),
                () -> kpis.series(caller.tenantId(), lineId, from.toInstant(), to.toInstant(), chosen, productId),
                List::size);
    }

    @GetMapping("/product-mix")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(summary = "What the line made at its OUTPUT per product, with each one's share")
    List<Kpis.ProductShare> productMix(
            @AuthenticationPrincipal Actor caller,
            @RequestParam("line_id") UUID lineId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
        return logged(
                caller,
                "production.product_mix",
                filters("line_id", lineId, "from", from, "to", to),
                () -> kpis.productMix(caller.tenantId(), lineId, from.toInstant(), to.toInstant()),
                List::size);
    }

    @GetMapping("/downtime")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(summary = "The line's downtime events overlapping [from, to), by start")
    PageResult<Downtime.Event> downtime(
            @AuthenticationPrincipal Actor caller,
            @RequestParam("line_id") UUID lineId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return logged(
                caller,
                "production.downtime",
                filters("line_id", lineId, "from", from, "to", to),
                () -> downtime.events(caller.tenantId(), lineId, from.toInstant(), to.toInstant(), page, size),
                p -> p.items().size());
    }

    @PutMapping(path = "/downtime/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('downtime:update')")
    @Operation(summary = "Say why the line stopped (an empty reason clears it)")
    Downtime.Event explain(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody ReasonRequest request) {
        return downtime.explain(caller, id, request.reason());
    }

    @GetMapping("/compare")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(summary = "One metric (oee, production or downtime seconds) for several lines over the same range")
    List<Kpis.Comparison> compare(
            @AuthenticationPrincipal Actor caller,
            @Parameter(description = "Comma-separated", explode = Explode.FALSE)
                    @RequestParam("line_ids")
                    @Size(min = 1, max = 20)
                    List<UUID> lineIds,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "oee") String metric) {
        Kpis.Metric chosen = choice(Kpis.Metric.class, metric, "metric");
        return logged(
                caller,
                "production.compare",
                filters("line_ids", lineIds, "from", from, "to", to, "metric", metric),
                () -> kpis.compare(caller.tenantId(), lineIds, from.toInstant(), to.toInstant(), chosen),
                List::size);
    }

    private <T> T logged(
            Actor caller,
            String kind,
            Map<String, Object> filters,
            Supplier<T> query,
            java.util.function.ToIntFunction<T> rows) {
        long began = System.nanoTime();
        T result = query.get();
        queries.record(new QueryLog.QueryEntry(
                caller.tenantId(),
                caller.userId(),
                caller.username(),
                kind,
                filters,
                rows.applyAsInt(result),
                (System.nanoTime() - began) / 1_000_000));
        return result;
    }

    private static Map<String, Object> filters(Object... pairs) {
        Map<String, Object> filters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                Object value = pairs[i + 1];
                filters.put(
                        (String) pairs[i],
                        value instanceof List<?> list
                                ? list.stream().map(String::valueOf).toList()
                                : String.valueOf(value));
            }
        }
        return filters;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnknownChoice("«" + name + "» no admite «" + value + "».");
        }
    }
}
