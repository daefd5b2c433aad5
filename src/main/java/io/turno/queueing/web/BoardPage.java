package io.turno.queueing.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import io.turno.queueing.internal.BoardService;
import io.turno.queueing.internal.BoardService.Serving;
import io.turno.queueing.internal.BoardStreams;
import io.turno.queueing.internal.QueueingDirectory;
import io.turno.queueing.internal.QueueingPermissions;
import io.turno.shared.Actor;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The branch's TV: who is being served at which desk, the newest call highlighted, and the next
 * numbers of each queue. Rendered once, then kept current by Server-Sent Events on the page
 * session (a browser's EventSource sends the session cookie, never a bearer token).
 */
@Controller
class BoardPage {

    private final QueueingDirectory directory;
    private final BoardService boards;
    private final BoardStreams streams;

    BoardPage(QueueingDirectory directory, BoardService boards, BoardStreams streams) {
        this.directory = directory;
        this.boards = boards;
        this.streams = streams;
    }

    @Bean
    static NavigationEntry boardNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.board", "/board", QueueingPermissions.TICKETS_READ, 30);
    }

    @PreAuthorize("hasAuthority('tickets:read')")
    @GetMapping("/board")
    String chooseBranch(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("branches", directory.branches(actor.tenantId()));
        model.addAttribute("pageStyle", "/css/queueing.css");
        model.addAttribute("chooser", "board");
        return "queueing/branch-chooser";
    }

    @PreAuthorize("hasAuthority('tickets:read')")
    @GetMapping("/board/{branchId}")
    String board(@AuthenticationPrincipal Actor actor, @PathVariable UUID branchId, Model model) {
        var board = boards.board(actor.tenantId(), branchId);
        model.addAttribute("board", board);
        model.addAttribute(
                "latest",
                board.nowServing().stream()
                        .filter(s -> s.number() != null && s.calledAt() != null)
                        .max(Comparator.comparing(
                                Serving::calledAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())))
                        .map(Serving::deskId)
                        .orElse(null));
        return "queueing/board";
    }

    @PreAuthorize("hasAuthority('tickets:read')")
    @GetMapping(path = "/board/{branchId}/stream", produces = "text/event-stream")
    SseEmitter stream(@AuthenticationPrincipal Actor actor, @PathVariable UUID branchId) {
        return streams.subscribe(actor.tenantId(), branchId);
    }
}
