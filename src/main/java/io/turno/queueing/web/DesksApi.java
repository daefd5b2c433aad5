package io.turno.queueing.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.DeskService;
import io.turno.queueing.internal.DeskService.DeskCommand;
import io.turno.queueing.internal.DeskService.DeskFilter;
import io.turno.queueing.internal.DeskService.DeskView;
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
@RequestMapping(path = "/api/v1/desks", produces = "application/json")
@Tag(name = "desks", description = "Ventanillas: the queues each serves, the overflow queues it helps, who sits at it")
class DesksApi {

    record DeskRequest(
            @NotNull UUID branchId,
            @NotBlank @Size(max = 100) String name,

            @Schema(description = "Queues of the branch it calls from, in order") @Size(max = 50)
            List<@NotNull UUID> queueIds,

            @Schema(description = "Queues of the branch it helps when its own are empty, busiest first") @Size(max = 50)
            List<@NotNull UUID> overflowQueueIds,

            @Schema(description = "An active user of the organization, or absent for nobody")
            UUID operatorId,

            @Schema(description = "default true") Boolean active) {

        DeskCommand command() {
            return new DeskCommand(branchId, name, queueIds, overflowQueueIds, operatorId, active == null || active);
        }
    }

    record OperatorRequest(
            @Schema(description = "Who sits at the desk; null or absent for nobody")
            UUID operatorId) {}

    private final DeskService desks;

    DesksApi(DeskService desks) {
        this.desks = desks;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('desks:read')")
    @Operation(summary = "List desks by branch and name; filter by branch, operator, queue, text and active flag")
    PageResult<DeskView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "operator_id", required = false) UUID operatorId,
            @RequestParam(name = "queue_id", required = false) UUID queueId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return desks.list(caller, new DeskFilter(branchId, operatorId, queueId, q, active), page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('desks:create')")
    @Operation(summary = "Add a desk to a branch; its queues must be of that branch (422 otherwise)")
    DeskView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody DeskRequest request) {
        return desks.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('desks:read')")
    @Operation(summary = "One desk with its queues and operator")
    DeskView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return desks.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('desks:update')")
    @Operation(summary = "Replace the desk (same shape as create; the branch cannot change)")
    DeskView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody DeskRequest request) {
        return desks.update(caller, id, request.command());
    }

    @PutMapping(path = "/{id}/operator", consumes = "application/json")
    @PreAuthorize("hasAuthority('desks:update')")
    @Operation(summary = "Assign who sits at the desk (null: nobody); a person sits at one active desk at a time")
    DeskView assignOperator(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody OperatorRequest request) {
        return desks.assignOperator(caller, id, request.operatorId());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('desks:delete')")
    @Operation(summary = "Deactivate the desk: it calls no more tickets")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        desks.deactivate(caller, id);
    }
}
