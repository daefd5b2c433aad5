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
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cases and notifications as pages: the cases list (a case itself is {@link CasePages}), the notifications list (refreshed every few seconds while something is on its way),
 * and resend/cancel buttons that post and come back.
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

    private final Cases cases;
    private final NotificationService notifications;

    NotificationPages(Cases cases, NotificationService notifications) {
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
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        model.addAttribute("statuses", NotificationStatus.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute(
                "result",
                notifications.list(
                        caller, new NotificationQuery(null, status, channel, null, null), Math.max(0, page), SIZE));
        return "notifications/notifications";
    }

    @GetMapping("/notifications/{id}")
    @PreAuthorize("hasAuthority('notifications:read')")
    String notification(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        model.addAttribute("n", notifications.get(caller, id));
        return "notifications/notification";
    }

    @PostMapping("/notifications/{id}/resend")
    @PreAuthorize("hasAuthority('notifications:update')")
    String resend(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            notifications.resend(caller, id);
            redirect.addFlashAttribute("notice", "notifications.notice.resent");
        } catch (BusinessException refused) {
            redirect.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/notifications/" + id;
    }

    @PostMapping("/notifications/{id}/cancel")
    @PreAuthorize("hasAuthority('notifications:update')")
    String cancel(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            notifications.cancel(caller, id);
            redirect.addFlashAttribute("notice", "notifications.notice.cancelled");
        } catch (BusinessException refused) {
            redirect.addFlashAttribute("refusal", refused.getMessage());
        }
        return "redirect:/notifications/" + id;
    }
}
