package io.turno.queueing.web;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.PriorityService;
import io.turno.queueing.internal.PriorityService.PriorityCommand;
import io.turno.queueing.internal.PriorityService.PriorityView;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
@RequestMapping(path = "/api/v1/priorities", produces = "application/json")
@Tag(name = "priorities", description = "Ticket priorities and their weights (General 1, Preferencial 3 …)")
class PrioritiesApi {

    record PriorityRequest(
            @NotBlank @Size(max = 100) String name,

            @Schema(description = "Multiplies waiting time when desks call by weighted wait", example = "3")
            @NotNull
            @Min(1)
            @Max(PriorityService.MAX_WEIGHT)
            Integer weight,

            @Size(max = 500) String description,

            @Schema(
                    description =
                            "Tickets without a priority get the default; true moves the mark here (default false)")
            @JsonProperty("is_default")
            Boolean isDefault,

            @Schema(description = "default true") Boolean active) {

        PriorityCommand command() {
            return new PriorityCommand(
                    name, weight, description, isDefault != null && isDefault, active == null || active);
        }
    }

    private final PriorityService priorities;

    PrioritiesApi(PriorityService priorities) {
        this.priorities = priorities;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('priorities:read')")
    @Operation(summary = "List priorities by weight; filter by text (name, description) and active flag")
    PageResult<PriorityView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return priorities.list(caller, q, active, page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('priorities:create')")
    @Operation(summary = "Add a priority; its name is unique in the organization")
    PriorityView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody PriorityRequest request) {
        return priorities.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('priorities:read')")
    @Operation(summary = "One priority")
    PriorityView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return priorities.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('priorities:update')")
    @Operation(summary = "Replace the priority; the default can be neither unmarked nor deactivated (409)")
    PriorityView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody PriorityRequest request) {
        return priorities.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('priorities:delete')")
    @Operation(summary = "Deactivate the priority (409 for the default one)")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        priorities.deactivate(caller, id);
    }
}
