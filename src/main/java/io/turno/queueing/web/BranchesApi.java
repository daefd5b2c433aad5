package io.turno.queueing.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.BranchService;
import io.turno.queueing.internal.BranchService.BranchCommand;
import io.turno.queueing.internal.BranchService.BranchView;
import io.turno.queueing.internal.CallPolicy;
import io.turno.queueing.internal.OpeningHours.Interval;
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
@RequestMapping(path = "/api/v1/branches", produces = "application/json")
@Tag(name = "branches", description = "Sedes: where queues and desks are, their time zone and opening hours")
class BranchesApi {

    static final String POLICIES = "WEIGHTED_WAIT|FIFO|STRICT_PRIORITY";

    /** The body of create and of replace: absent optional fields take their defaults. */
    record BranchRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 500) String address,

            @Schema(example = "America/Bogota") @NotBlank @IanaTimeZone
            String timeZone,

            @Schema(
                    description = "Per day MONDAY … SUNDAY, intervals HH:mm; a day absent is closed",
                    example = "{\"MONDAY\": [{\"open\": \"07:00\", \"close\": \"18:00\"}]}")
            @ValidOpeningHours
            Map<String, List<Interval>> openingHours,

            @Schema(
                    description = "How desks pick the next ticket (default WEIGHTED_WAIT)",
                    allowableValues = {"WEIGHTED_WAIT", "FIFO", "STRICT_PRIORITY"})
            @Pattern(regexp = POLICIES, message = "{validation.callPolicy}")
            String callPolicy,

            @Schema(description = "Recalls before a ticket closes as NO_SHOW (default 3)")
            @Min(0)
            @Max(BranchService.MAX_RECALLS)
            Integer maxRecalls,

            @Schema(description = "Waiting tickets that trigger a move into an empty compatible queue (default 5)")
            @Min(1)
            @Max(BranchService.MAX_REBALANCE_THRESHOLD)
            Integer rebalanceThreshold,

            @Schema(description = "default true") Boolean active) {

        BranchCommand command() {
            return new BranchCommand(
                    name,
                    address,
                    timeZone,
                    openingHours == null ? Map.of() : openingHours,
                    callPolicy == null ? CallPolicy.WEIGHTED_WAIT : CallPolicy.valueOf(callPolicy),
                    maxRecalls == null ? 3 : maxRecalls,
                    rebalanceThreshold == null ? 5 : rebalanceThreshold,
                    active == null || active);
        }
    }

    private final BranchService branches;

    BranchesApi(BranchService branches) {
        this.branches = branches;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('branches:read')")
    @Operation(summary = "List branches by name; filter by text (name, address) and active flag")
    PageResult<BranchView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return branches.list(caller, q, active, page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('branches:create')")
    @Operation(summary = "Add a branch; its name is unique in the organization")
    BranchView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody BranchRequest request) {
        return branches.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('branches:read')")
    @Operation(summary = "One branch")
    BranchView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return branches.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('branches:update')")
    @Operation(summary = "Replace the branch with the body (same shape as create)")
    BranchView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody BranchRequest request) {
        return branches.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('branches:delete')")
    @Operation(summary = "Deactivate the branch: it issues no more tickets; queues, desks and history stay")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        branches.deactivate(caller, id);
    }
}
