package io.turno.production.web;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

/** The plant's structure: lines, their areas, products and shifts. DELETE deactivates. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/production", produces = "application/json")
@Tag(name = "plant structure", description = "Plant structure: production lines, areas, products and shifts")
class PlantStructureApi {

    private static final String CODE = "([A-Za-z0-9][A-Za-z0-9_.-]*)?";
    private static final String CODE_MESSAGE = "{validation.plantCode}";

    record LineRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = CODE, message = CODE_MESSAGE)
            String code,

            @NotBlank @Size(max = 200) String name,
            @Schema(description = "default true") Boolean active,

            @Schema(description = "A gap longer than this at the OUTPUT area is downtime (default 300)")
            @Min(1)
            @Max(86400)
            Integer downtimeThresholdSeconds) {

        Plant.LineCommand command() {
            return new Plant.LineCommand(
                    code.strip().toUpperCase(Locale.ROOT),
                    name.strip(),
                    active == null || active,
                    downtimeThresholdSeconds == null ? 300 : downtimeThresholdSeconds);
        }
    }

    record AreaRequest(
            @NotNull UUID lineId,
            @NotBlank @Size(max = 200) String name,

            @NotNull @Pattern(regexp = "INPUT|OUTPUT|QUALITY|REJECT", message = "{validation.counterType}")
            String type,

            @Schema(description = "default true") Boolean active) {

        Plant.AreaCommand command() {
            return new Plant.AreaCommand(lineId, name.strip(), Plant.AreaType.valueOf(type), active == null || active);
        }
    }

    record ProductRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = CODE, message = CODE_MESSAGE)
            String code,

            @NotBlank @Size(max = 200) String name,

            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 7, fraction = 3)
            BigDecimal idealCycleSeconds,

            @Schema(description = "default true") Boolean active) {

        Plant.ProductCommand command() {
            return new Plant.ProductCommand(
                    code.strip().toUpperCase(Locale.ROOT), name.strip(), idealCycleSeconds, active == null || active);
        }
    }

    record BreakRequest(@NotNull LocalTime start, @NotNull LocalTime end) {}

    record ShiftRequest(
            @NotBlank @Size(max = 200) String name,

            @Schema(description = "Local time, e.g. 22:00", type = "string", example = "22:00") @NotNull
            LocalTime start,

            @Schema(
                    description = "Local time; before start when the shift crosses midnight",
                    type = "string",
                    example = "06:00")
            @NotNull
            LocalTime end,

            @Size(max = 20) List<@Valid @NotNull BreakRequest> breaks,
            @Schema(description = "default true") Boolean active,

            @Schema(description = "Only this line's shift; absent or null: every line's (the default)")
            UUID lineId) {

        Plant.ShiftCommand command() {
            if (start.equals(end)) {
                throw new InvalidShift("Un turno termina a una hora distinta de la que empieza.");
            }
            return new Plant.ShiftCommand(
                    name.strip(),
                    start,
                    end,
                    breaks == null
                            ? List.of()
                            : breaks.stream()
                                    .map(b -> new Plant.Break(b.start(), b.end()))
                                    .toList(),
                    active == null || active,
                    lineId);
        }
    }

    static final class InvalidShift extends BusinessException {
        InvalidShift(String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final PlantStructure plant;

    PlantStructureApi(PlantStructure plant) {
        this.plant = plant;
    }

    // Lines

    @GetMapping("/lines")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "Production lines by code")
    PageResult<Plant.Line> lines(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return plant.lines(caller, active, page, size);
    }

    @GetMapping("/lines/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "One production line")
    Plant.Line line(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.cachedLine(caller, id);
    }

    @PostMapping(path = "/lines", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(summary = "Add a production line; its code is unique in the organization")
    Plant.Line createLine(@AuthenticationPrincipal Actor caller, @Valid @RequestBody LineRequest request) {
        return plant.saveLine(caller, null, request.command());
    }

    @PutMapping(path = "/lines/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the production line with the body")
    Plant.Line updateLine(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody LineRequest request) {
        return plant.saveLine(caller, id, request.command());
    }

    @DeleteMapping("/lines/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Deactivate the production line")
    void deleteLine(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deactivate(caller, "line", id);
    }

    // Areas

    @GetMapping("/areas")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "Areas by name, optionally of one line")
    PageResult<Plant.Area> areas(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return plant.areas(caller, lineId, active, page, size);
    }

    @GetMapping("/areas/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "One area")
    Plant.Area area(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.cachedArea(caller, id);
    }

    @PostMapping(path = "/areas", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(summary = "Add an area to a line; its name is unique in the line")
    Plant.Area createArea(@AuthenticationPrincipal Actor caller, @Valid @RequestBody AreaRequest request) {
        return plant.saveArea(caller, null, request.command());
    }

    @PutMapping(path = "/areas/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the area with the body")
    Plant.Area updateArea(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody AreaRequest request) {
        return plant.saveArea(caller, id, request.command());
    }

    @DeleteMapping("/areas/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Deactivate the area")
    void deleteArea(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deactivate(caller, "area", id);
    }

    // Products

    @GetMapping("/products")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "Products by code")
    PageResult<Plant.Product> products(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return plant.products(caller, active, page, size);
    }

    @GetMapping("/products/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "One product")
    Plant.Product product(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.cachedProduct(caller, id);
    }

    @PostMapping(path = "/products", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(summary = "Add a product; its code is unique in the organization")
    Plant.Product createProduct(@AuthenticationPrincipal Actor caller, @Valid @RequestBody ProductRequest request) {
        return plant.saveProduct(caller, null, request.command());
    }

    @PutMapping(path = "/products/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the product with the body")
    Plant.Product updateProduct(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody ProductRequest request) {
        return plant.saveProduct(caller, id, request.command());
    }

    @DeleteMapping("/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Deactivate the product")
    void deleteProduct(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deactivate(caller, "product", id);
    }

    // Shifts

    @GetMapping("/shifts")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "Shifts by start time")
    PageResult<Plant.Shift> shifts(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return plant.shifts(caller, active, page, size);
    }

    @GetMapping("/shifts/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "One shift")
    Plant.Shift shift(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.shift(caller, id);
    }

    @PostMapping(path = "/shifts", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(
            summary = "Add a shift; it may cross midnight (end before start)",
            description =
                    "With line_id, the shift is that line's only; a line not of the organization is a 422 on line_id")
    Plant.Shift createShift(@AuthenticationPrincipal Actor caller, @Valid @RequestBody ShiftRequest request) {
        return plant.saveShift(caller, null, request.command());
    }

    @PutMapping(path = "/shifts/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the shift with the body")
    Plant.Shift updateShift(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody ShiftRequest request) {
        return plant.saveShift(caller, id, request.command());
    }

    @DeleteMapping("/shifts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Deactivate the shift")
    void deleteShift(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deactivate(caller, "shift", id);
    }
}
