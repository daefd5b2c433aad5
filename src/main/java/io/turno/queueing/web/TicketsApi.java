package io.turno.queueing.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.customers.NewCustomer;
import io.turno.queueing.internal.TicketService;
import io.turno.queueing.internal.TicketService.IssueCommand;
import io.turno.queueing.internal.TicketService.IssuedTicket;
import io.turno.queueing.internal.TicketService.TransferTarget;
import io.turno.queueing.internal.TicketView;
import io.turno.shared.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "tickets", description = "Turnos: issue, call, serve, transfer")
class TicketsApi {

    record IssueRequest(
            @NotNull UUID branchId,
            @NotNull UUID serviceId,
            UUID customerId,
            @Valid NewCustomer customer,
            UUID priorityId) {}

    record TransferRequest(UUID queueId, UUID deskId) {}

    @Schema(name = "TicketCancelRequest")
    record CancelRequest(@Size(max = 500) String reason) {}

    private final TicketService tickets;

    TicketsApi(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping(path = "/api/v1/tickets", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('tickets:create')")
    @Operation(summary = "Issue a ticket into the branch's queue with the least expected wait for the service")
    IssuedTicket issue(@AuthenticationPrincipal Actor actor, @Valid @RequestBody IssueRequest request) {
        return tickets.issue(
                actor,
                new IssueCommand(
                        request.branchId(),
                        request.serviceId(),
                        request.customerId(),
                        request.customer(),
                        request.priorityId()));
    }

    @GetMapping(path = "/api/v1/tickets/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:read')")
    @Operation(summary = "A ticket with its whole history (calls, moves, closing)")
    TicketView get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.get(actor, id);
    }

    @PostMapping(path = "/api/v1/desks/{id}/call-next", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:call')")
    @Operation(summary = "Call the next ticket by the branch's policy; 204 when nothing waits")
    @ApiResponse(responseCode = "200", description = "The ticket called", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "204", description = "Nothing waits", content = @Content)
    ResponseEntity<TicketView> callNext(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.callNext(actor, id)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/api/v1/tickets/{id}/recall", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:call')")
    @Operation(summary = "Call again; past the branch's recall limit the ticket closes as NO_SHOW")
    TicketView recall(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.recall(actor, id);
    }

    @PostMapping(path = "/api/v1/tickets/{id}/start", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:call')")
    TicketView start(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.start(actor, id);
    }

    @PostMapping(path = "/api/v1/tickets/{id}/complete", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:call')")
    TicketView complete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.complete(actor, id);
    }

    @PostMapping(path = "/api/v1/tickets/{id}/no-show", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:call')")
    TicketView noShow(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return tickets.noShow(actor, id);
    }

    @PostMapping(path = "/api/v1/tickets/{id}/transfer", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:transfer')")
    @Operation(summary = "Move to another queue of the branch or to one desk, keeping the arrival time")
    TicketView transfer(
            @AuthenticationPrincipal Actor actor, @PathVariable UUID id, @Valid @RequestBody TransferRequest request) {
        return tickets.transfer(actor, id, new TransferTarget(request.queueId(), request.deskId()));
    }

    @PostMapping(path = "/api/v1/tickets/{id}/cancel", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:cancel')")
    TicketView cancel(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) CancelRequest request) {
        return tickets.cancel(actor, id, request == null ? null : request.reason());
    }
}
