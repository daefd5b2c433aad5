package io.turno.notifications.web;

import java.util.UUID;

import io.turno.notifications.internal.Cases;
import io.turno.notifications.internal.Cases.CaseStatus;
import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.NotificationService;
import io.turno.notifications.internal.NotificationService.NotificationQuery;
import io.turno.notifications.internal.NotificationStatus;
import io.turno.notifications.internal.NotificationsPermissions;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cases and notifications as pages: the cases list (a case itself is {@link CasePages}), the notifications
 * list (refreshed every few seconds while something is on its way), and resend/cancel buttons that post and
 * come back. An email assumed delivered (interrupted after its commit point) can be filtered for and sent again
 * on purpose.
 */
@Controller
class NotificationPages {

    private static final int SIZE = 25;

    @Bean
    static NavigationEntry casesNavigation() {
        return new NavigationEntry(
                NavigationSection.COMMUNICATIONS,
                "notifications.nav.cases",
                "/cases",
                NotificationsPermissions.CASES_READ,
                10);
    }

    @Bean
    static NavigationEntry notificationsNavigation() {
        return new NavigationEntry(
                NavigationSection.COMMUNICATIONS,
                "notifications.nav.notifications",
                "/notifications",
                NotificationsPermissions.NOTIFICATIONS_READ,
                20);
    }

    private static final String ASSUMED_DELIVERED = "ASSUMED_DELIVERED";

    private final Cases cases;
    private final NotificationService notifications;
    private final Notices notices;

    NotificationPages(Cases cases, NotificationService notifications, Notices notices) {
        this.notices = notices;
        this.cases = cases;
        this.notifications = notifications;
    }

    @GetMapping("/cases")
    @PreAuthorize("hasAuthority('cases:read')")
    String cases(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String text = q == null || q.isBlank()
                ? null
                : q.strip().substring(0, Math.min(q.strip().length(), 100));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("result", cases.list(caller, text, status, null, Math.max(0, page), SIZE));
        return "notifications/cases";
    }

    @GetMapping("/notifications")
    @PreAuthorize("hasAuthority('notifications:read')")
    String notifications(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        // Besides the statuses, the list shows the emails assumed delivered (an attempt's outcome).
        boolean assumed = ASSUMED_DELIVERED.equals(status);
        NotificationStatus shown = status == null || status.isEmpty() || assumed ? null : statusOf(status);
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        model.addAttribute("statuses", NotificationStatus.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute(
                "result",
                notifications.list(
                        caller,
                        new NotificationQuery(null, shown, channel, null, null, assumed),
                        Math.max(0, page),
                        SIZE));
        return "notifications/notifications";
    }

    private static NotificationStatus statusOf(String status) {
        try {
            return NotificationStatus.valueOf(status);
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown status " + status);
        }
    }

    @GetMapping("/notifications/{id}")
    @PreAuthorize("hasAuthority('notifications:read')")
    String notification(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var notification = notifications.get(caller, id);
        model.addAttribute("n", notification);
        model.addAttribute("assumedDelivered", NotificationService.assumedDelivered(notification));
        return "notifications/notification";
    }

    /**
     * An email assumed delivered is sent again only on purpose: the form asks the person to confirm
     * that the recipient may get it twice, and without that confirmation nothing changes.
     */
    @PostMapping("/notifications/{id}/resend-assumed-delivered")
    @PreAuthorize("hasAuthority('notifications:update')")
    String resendAssumedDelivered(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            RedirectAttributes redirect) {
        if (!confirmed) {
            notices.failureKey(redirect, "notifications.resendAssumed.unconfirmed");
            return "redirect:/notifications/" + id;
        }
        try {
            notifications.resendAssumedDelivered(caller, id);
            notices.success(redirect, "notifications.notice.resent");
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/notifications/" + id;
    }

    @PostMapping("/notifications/{id}/resend")
    @PreAuthorize("hasAuthority('notifications:update')")
    String resend(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            notifications.resend(caller, id);
            notices.success(redirect, "notifications.notice.resent");
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/notifications/" + id;
    }

    @PostMapping("/notifications/{id}/cancel")
    @PreAuthorize("hasAuthority('notifications:update')")
    String cancel(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            notifications.cancel(caller, id);
            notices.success(redirect, "notifications.notice.cancelled");
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/notifications/" + id;
    }
}
