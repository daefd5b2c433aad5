package io.turno.queueing.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.queueing.internal.BoardService;
import io.turno.queueing.internal.BoardService.Board;
import io.turno.queueing.internal.BoardService.PublicTicket;
import io.turno.queueing.internal.BoardStreams;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import jakarta.annotation.security.PermitAll;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "board", description = "What the branch's screens and the customer's phone show, live")
class BoardApi {

    private final BoardService boards;
    private final BoardStreams streams;

    BoardApi(BoardService boards, BoardStreams streams) {
        this.boards = boards;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/branches/{id}/board", produces = "application/json")
    @PreAuthorize("hasAuthority('tickets:read')")
    @Operation(summary = "Now serving per desk and waiting per queue")
    Board board(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return boards.board(actor.tenantId(), id);
    }

    @GetMapping(path = "/api/v1/branches/{id}/board/stream", produces = "text/event-stream")
    @PreAuthorize("hasAuthority('tickets:read')")
    @Operation(summary = "The board as Server-Sent Events: a 'board' event now and at every change")
    SseEmitter stream(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return streams.subscribe(actor.tenantId(), id);
    }

    @GetMapping(path = "/api/v1/public/tickets/{token}", produces = "application/json")
    @PermitAll
    @Operation(
            summary =
                    "A ticket's state for its holder: number, tickets ahead, estimated wait; no login, no personal data")
    ResponseEntity<PublicTicket> publicTicket(@PathVariable String token) {
        return boards.publicTicket(token)
                .map(ticket ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ticket))
                .orElseThrow(() -> new NotFound("Turno", token));
    }
}
