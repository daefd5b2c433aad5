package io.turno.queueing.web;

import io.turno.queueing.internal.BoardService;
import io.turno.shared.NotFound;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The page the kiosk's QR code opens on the customer's phone: the ticket's number, state, how many
 * go first, roughly how long, and the desk once called. No login, nothing personal: the
 * unguessable token in the address is the only key. It refreshes itself every 10 seconds.
 */
@Controller
class TicketStatusPage {

    private final BoardService boards;

    TicketStatusPage(BoardService boards) {
        this.boards = boards;
    }

    @PermitAll
    @GetMapping("/t/{token}")
    String status(@PathVariable String token, Model model, HttpServletResponse response) {
        var ticket = boards.publicTicket(token).orElseThrow(() -> new NotFound("Turno", "solicitado"));
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("ticket", ticket);
        model.addAttribute("token", token);
        model.addAttribute("waitMinutes", (ticket.estimatedWaitSeconds() + 59) / 60);
        return "queueing/ticket-status";
    }
}
