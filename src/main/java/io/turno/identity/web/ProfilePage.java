package io.turno.identity.web;

import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.identity.internal.AuthService;
import io.turno.identity.internal.AuthenticationFailures.InvalidCredentials;
import io.turno.identity.internal.AuthenticationFailures.WeakPassword;
import io.turno.shared.NotFound;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own page: who they are, their password and their open sessions. */
@Controller
class ProfilePage {

    record PasswordChange(
            @NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(max = 128) String newPassword,
            @NotBlank @Size(max = 128) String confirmPassword) {}

    private final AuthService auth;
    private final Notices notices;

    ProfilePage(AuthService auth, Notices notices) {
        this.auth = auth;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry profileNavigation() {
        return new NavigationEntry(NavigationSection.ACCOUNT, "nav.profile", "/profile", null, 10);
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal CurrentUser user, Authentication authentication, Model model) {
        model.addAttribute("passwordChange", new PasswordChange(null, null, null));
        return page(user, authentication, model);
    }

    @PreAuthorize("isAuthenticated()")
    @PostMapping("/profile/password")
    String changePassword(
            @AuthenticationPrincipal CurrentUser user,
            Authentication authentication,
            @Valid @ModelAttribute("passwordChange") PasswordChange change,
            BindingResult form,
            Model model,
            RedirectAttributes redirect) {
        if (!form.hasFieldErrors("newPassword")
                && !form.hasFieldErrors("confirmPassword")
                && !change.newPassword().equals(change.confirmPassword())) {
            form.rejectValue("confirmPassword", "profile.password.mismatch");
        }
        if (!form.hasErrors()) {
            try {
                auth.changePassword(
                        user, AuthService.webSession(authentication), change.currentPassword(), change.newPassword());
                notices.success(redirect, "profile.notice.passwordChanged");
                return "redirect:/profile";
            } catch (InvalidCredentials e) {
                form.rejectValue("currentPassword", "profile.password.wrong", e.getMessage());
            } catch (WeakPassword e) {
                form.rejectValue("newPassword", "identity.password.weak", e.getMessage());
            }
        }
        return page(user, authentication, model);
    }

    /** Ending the session this browser runs on signs it out at once, like the header's sign-out button. */
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/profile/sessions/{id}/end")
    String endSession(
            @AuthenticationPrincipal CurrentUser user,
            Authentication authentication,
            @PathVariable UUID id,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            auth.endSession(user, id);
        } catch (NotFound alreadyEnded) {
            notices.failure(redirect, "profile.sessions.gone", alreadyEnded);
            return "redirect:/profile";
        }
        if (id.equals(AuthService.webSession(authentication))) {
            new SecurityContextLogoutHandler().logout(request, response, authentication);
            return "redirect:/login?logout";
        }
        notices.success(redirect, "profile.notice.sessionEnded");
        return "redirect:/profile";
    }

    private String page(CurrentUser user, Authentication authentication, Model model) {
        model.addAttribute("me", auth.me(user));
        model.addAttribute("sessions", auth.openSessions(user));
        model.addAttribute("currentSession", AuthService.webSession(authentication));
        return "identity/profile";
    }
}
