package io.turno.queueing.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.QueueService;
import io.turno.queueing.internal.QueueService.QueueCommand;
import io.turno.queueing.internal.QueueService.QueueFilter;
import io.turno.queueing.internal.QueueService.QueueView;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
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

@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = "application/json")
@Tag(name = "queues", description = "Colas: a letter prefix per branch and the catalog services each takes")
class QueuesApi {

    static final String PREFIX = "[A-Za-z]{1,3}";

    record QueueRequest(
            @NotNull UUID branchId,
            @NotBlank @Size(max = 100) String name,

            @Schema(description = "1 to 3 letters, unique in the branch; stored in capitals", example = "A")
            @NotBlank
            @Pattern(regexp = PREFIX, message = "{validation.queuePrefix}")
            String prefix,

            @Schema(description = "Active walk-in services of the catalog this queue takes") @Size(max = 100)
            List<@NotNull UUID> serviceIds,

            @Schema(description = "default true") Boolean active) {

        QueueCommand command() {
            return new QueueCommand(branchId, name, prefix, serviceIds, active == null || active);
        }
    }

    private final QueueService queues;

    QueuesApi(QueueService queues) {
        this.queues = queues;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('queues:read')")
    @Operation(
            summary = "List queues by branch and prefix, with their services and waiting tickets; "
                    + "filter by branch, service, text (name, prefix) and active flag")
    PageResult<QueueView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(name = "service_id", required = false) UUID serviceId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queues.list(caller, new QueueFilter(branchId, serviceId, q, active), page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('queues:create')")
    @Operation(summary = "Add a queue to a branch; 409 when the branch already has the prefix")
    QueueView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody QueueRequest request) {
        return queues.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('queues:read')")
    @Operation(summary = "One queue with its services and the tickets waiting in it now")
    QueueView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return queues.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('queues:update')")
    @Operation(summary = "Replace the queue (same shape as create; the branch cannot change)")
    QueueView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody QueueRequest request) {
        return queues.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('queues:delete')")
    @Operation(summary = "Deactivate the queue: no new tickets enter; those waiting are still called")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        queues.deactivate(caller, id);
    }
}
