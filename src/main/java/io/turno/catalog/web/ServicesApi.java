package io.turno.catalog.web;

import java.math.BigDecimal;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.catalog.internal.CatalogService;
import io.turno.catalog.internal.CatalogService.ServiceCommand;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping(path = "/api/v1/services", produces = "application/json")
@Tag(name = "services", description = "The organization's service catalog, used by queues and appointments")
class ServicesApi {

    /** A non-negative decimal written as text, up to 10 integer digits and 4 decimals. */
    static final String PRICE = "\\d{1,10}(\\.\\d{1,4})?";

    /** The body of create and of replace: absent optional fields are empty, absent flags take their defaults. */
    @PriceWithCurrency
    record ServiceRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "([A-Za-z0-9][A-Za-z0-9_.-]*)?", message = "{validation.code}")
            String code,

            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,

            @Schema(description = "Served in queues (default true)")
            Boolean walkIn,

            @Schema(description = "Can be booked as an appointment (default true)")
            Boolean bookable,

            @Min(1) @Max(1440) Integer durationMinutes,

            @Schema(description = "Decimal string, e.g. \"45000.00\"; requires currency", example = "45000.00")
            @Pattern(regexp = PRICE, message = "{validation.price}")
            String price,

            @Schema(description = "ISO-4217 code; requires price", example = "COP")
            @Pattern(regexp = "[A-Z]{3}", message = "{validation.currency}")
            String currency,

            @Schema(description = "default true") Boolean active) {

        ServiceCommand command() {
            return new ServiceCommand(
                    code,
                    name,
                    description,
                    walkIn == null || walkIn,
                    bookable == null || bookable,
                    durationMinutes,
                    price == null ? null : new BigDecimal(price),
                    currency,
                    active == null || active);
        }
    }

    private final CatalogService catalog;

    ServicesApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('services:read')")
    @Operation(summary = "List services by name; filter by text (code, name, description) and flags")
    PageResult<ServiceView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "walk_in", required = false) Boolean walkIn,
            @RequestParam(required = false) Boolean bookable,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return catalog.search(caller.tenantId(), new ServiceQuery(q, active, walkIn, bookable), page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('services:create')")
    @Operation(summary = "Add a service; its code is unique in the organization")
    ServiceView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody ServiceRequest request) {
        return catalog.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('services:read')")
    @Operation(summary = "One service")
    ServiceView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return catalog.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('services:update')")
    @Operation(summary = "Replace the service with the body (same shape as create)")
    ServiceView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody ServiceRequest request) {
        return catalog.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('services:delete')")
    @Operation(summary = "Deactivate the service: it stays for the tickets and appointments that name it")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        catalog.deactivate(caller, id);
    }
}
