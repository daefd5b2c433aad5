package io.turno.catalog.web;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.catalog.internal.CatalogService;
import io.turno.identity.TenantDirectory;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an organization offers to book, for anyone (seed 004: the catalog before signing in): only
 * active, bookable services, and only what a visitor needs to choose one. The organization is the
 * slug in the path; an unknown or inactive one is 404, the same answer for both.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/public/tenants/{tenant}/services", produces = "application/json")
@Tag(name = "services", description = "The organization's service catalog, used by queues and appointments")
class PublicServicesApi {

    /** A bookable service as a visitor sees it. */
    record PublicService(
            UUID id,
            String name,
            @Nullable String description,
            @Nullable Integer durationMinutes,

            @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", example = "45000.00") @Nullable
            BigDecimal price,

            @Nullable String currency) {

        static PublicService of(ServiceView service) {
            return new PublicService(
                    service.id(),
                    service.name(),
                    service.description(),
                    service.durationMinutes(),
                    service.price(),
                    service.currency());
        }
    }

    private final TenantDirectory tenants;
    private final CatalogService catalog;

    PublicServicesApi(TenantDirectory tenants, CatalogService catalog) {
        this.tenants = tenants;
        this.catalog = catalog;
    }

    @GetMapping
    @PermitAll
    @Operation(
            summary = "The organization's active bookable services by name: no sign-in; 404 for an unknown"
                    + " or inactive organization")
    PageResult<PublicService> list(
            @PathVariable String tenant,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var organization = tenants.bySlug(tenant)
                .filter(TenantDirectory.TenantSummary::active)
                .orElseThrow(() -> new NotFound("Organización", tenant));
        // Nobody is signed in: the organization in the path scopes the read.
        return TenantScope.call(
                        organization.id(),
                        () -> catalog.search(organization.id(), new ServiceQuery(null, true, null, true), page, size))
                .map(PublicService::of);
    }
}
