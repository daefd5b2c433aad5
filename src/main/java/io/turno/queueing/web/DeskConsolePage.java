package io.turno.queueing.web;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.identity.CurrentUser;
import io.turno.queueing.internal.BoardService;
import io.turno.queueing.internal.BoardStreams;
import io.turno.queueing.internal.DeskConsole;
import io.turno.queueing.internal.QueueingDirectory;
import io.turno.queueing.internal.QueueingDirectory.DeskOption;
import io.turno.queueing.internal.QueueingPermissions;
import io.turno.queueing.internal.TicketService;
import io.turno.queueing.internal.TicketService.TransferTarget;
import io.turno.queueing.internal.TicketStatus;
import io.turno.queueing.internal.TicketView;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's console of one desk: the ticket it has called or is serving with the actions its
 * state allows, "call next", who waits for the desk (any of them can be called by choice), and the
 * branch's queues counted live. Every action posts and comes
 * back with a notice; a refusal of the service (the desk is busy, the ticket moved on) is that
 * notice, in the service's words.
 */
@Controller
class DeskConsolePage {

    /** The customers module's permission to read its registry (names included). */
    private static final String CUSTOMERS_READ = "customers:read";

    private final QueueingDirectory directory;
    private final TicketService tickets;
    private final BoardService boards;
    private final BoardStreams streams;
    private final Notices notices;
    private final DeskConsole console;

    DeskConsolePage(
            QueueingDirectory directory,
            DeskConsole console,
            TicketService tickets,
            BoardService boards,
            BoardStreams streams,
            Notices notices) {
        this.directory = directory;
        this.console = console;
        this.tickets = tickets;
        this.boards = boards;
        this.streams = streams;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry deskNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.desk", "/desk", QueueingPermissions.TICKETS_CALL, 20);
    }

    @PreAuthorize("hasAuthority('tickets:call')")
    @GetMapping("/desk")
    String chooseDesk(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute(
                "desks",
                directory.desks(actor.tenantId()).stream()
                        .collect(Collectors.groupingBy(
                                DeskOption::branchName, java.util.LinkedHashMap::new, Collectors.toList())));
        model.addAttribute("pageStyle", "/css/queueing.css");
        return "queueing/desk-chooser";
    }

    @PreAuthorize("hasAuthority('tickets:call')")
    @GetMapping("/desk/{deskId}")
    String console(@AuthenticationPrincipal CurrentUser actor, @PathVariable UUID deskId, Model model) {
        var desk = desk(actor, deskId);
        model.addAttribute("desk", desk);
        // Names are customer data: shown to those who may read the customer registry, numbers to everyone else.
        boolean showNames = actor.can(CUSTOMERS_READ);
        model.addAttribute("showNames", showNames);
        model.addAttribute("waiting", console.waiting(actor, deskId, showNames));
        model.addAttribute(
                "current", directory.openAtDesk(actor.tenantId(), deskId).orElse(null));
        model.addAttribute("board", boards.board(actor.tenantId(), desk.branchId()));
        model.addAttribute("queues", directory.queues(actor.tenantId(), desk.branchId()));
        model.addAttribute("otherDesks", directory.otherDesks(actor.tenantId(), desk.branchId(), deskId));
        model.addAttribute("pageStyle", "/css/queueing.css");
        model.addAttribute("pageScript", "/js/desk.js");
        return "queueing/desk";
    }

    /** The branch's board as Server-Sent Events for the console's live counts, on the page session. */
    @PreAuthorize("hasAuthority('tickets:call')")
    @GetMapping(path = "/desk/{deskId}/stream", produces = "text/event-stream")
    SseEmitter stream(@AuthenticationPrincipal Actor actor, @PathVariable UUID deskId) {
        return streams.subscribe(actor.tenantId(), desk(actor, deskId).branchId());
    }

    @PreAuthorize("hasAuthority('tickets:call')")
    @PostMapping("/desk/{deskId}/call-next")
    String callNext(@AuthenticationPrincipal Actor actor, @PathVariable UUID deskId, RedirectAttributes redirect) {
        desk(actor, deskId);
        try {
            tickets.callNext(actor, deskId)
                    .ifPresentOrElse(
                            called -> notices.success(redirect, "desk.notice.called", called.number()),
                            () -> notices.success(redirect, "desk.notice.nobody"));
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/desk/" + deskId;
    }

    /** A ticket of the waiting list, by choice; taken first by another desk, the notice says so. */
    @PreAuthorize("hasAuthority('tickets:call')")
    @PostMapping("/desk/{deskId}/tickets/{ticketId}/call")
    String callChosen(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID deskId,
            @PathVariable UUID ticketId,
            RedirectAttributes redirect) {
        desk(actor, deskId);
        try {
            notices.success(
                    redirect,
                    "desk.notice.called",
                    console.call(actor, deskId, ticketId).number());
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/desk/" + deskId;
    }

    /** Recall, start, complete or no-show, on the ticket the desk holds now. */
    @PreAuthorize("hasAuthority('tickets:call')")
    @PostMapping("/desk/{deskId}/tickets/{ticketId}/{action:recall|start|complete|no-show}")
    String act(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID deskId,
            @PathVariable UUID ticketId,
            @PathVariable String action,
            RedirectAttributes redirect) {
        desk(actor, deskId);
        if (held(actor, deskId, ticketId, redirect)) {
            try {
                TicketView after = switch (action) {
                    case "recall" -> tickets.recall(actor, ticketId);
                    case "start" -> tickets.start(actor, ticketId);
                    case "complete" -> tickets.complete(actor, ticketId);
                    default -> tickets.noShow(actor, ticketId);
                };
                boolean closedByRecallLimit = action.equals("recall") && after.status() == TicketStatus.NO_SHOW;
                notices.success(
                        redirect,
                        closedByRecallLimit ? "desk.notice.recallLimit" : "desk.notice." + action,
                        after.number());
            } catch (BusinessException refused) {
                notices.failure(redirect, refused);
            }
        }
        return "redirect:/desk/" + deskId;
    }

    /** {@code target} is {@code queue:<id>} or {@code desk:<id>}. */
    @PreAuthorize("hasAuthority('tickets:transfer')")
    @PostMapping("/desk/{deskId}/tickets/{ticketId}/transfer")
    String transfer(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID deskId,
            @PathVariable UUID ticketId,
            @RequestParam(required = false) String target,
            RedirectAttributes redirect) {
        desk(actor, deskId);
        TransferTarget to = target(target);
        if (to == null) {
            notices.failureKey(redirect, "desk.error.target");
        } else if (held(actor, deskId, ticketId, redirect)) {
            try {
                var moved = tickets.transfer(actor, ticketId, to);
                notices.success(redirect, "desk.notice.transferred", moved.number(), moved.queueName());
            } catch (BusinessException refused) {
                notices.failure(redirect, refused);
            }
        }
        return "redirect:/desk/" + deskId;
    }

    /**
     * Whether the desk still holds the ticket; a console left open while the ticket moved on (to
     * another desk, say) must not act on it there.
     */
    private boolean held(Actor actor, UUID deskId, UUID ticketId, RedirectAttributes redirect) {
        var open = directory.openAtDesk(actor.tenantId(), deskId);
        if (open.isPresent() && open.get().id().equals(ticketId)) {
            return true;
        }
        notices.failureKey(redirect, "desk.error.notHere");
        return false;
    }

    private DeskOption desk(Actor actor, UUID deskId) {
        return directory.desk(actor.tenantId(), deskId).orElseThrow(() -> new NotFound("Ventanilla", deskId));
    }

    private static TransferTarget target(String value) {
        if (value == null) {
            return null;
        }
        Map.Entry<String, String> parts = value.contains(":")
                ? Map.entry(value.substring(0, value.indexOf(':')), value.substring(value.indexOf(':') + 1))
                : Map.entry("", "");
        try {
            UUID id = UUID.fromString(parts.getValue());
            return switch (parts.getKey()) {
                case "queue" -> new TransferTarget(id, null);
                case "desk" -> new TransferTarget(null, id);
                default -> null;
            };
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
