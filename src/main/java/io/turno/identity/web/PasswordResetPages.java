package io.turno.identity.web;

import io.turno.identity.internal.AuthenticationFailures;
import io.turno.identity.internal.PasswordResets;
import io.turno.identity.internal.PasswordResets.LinkState;
import io.turno.web.FormErrors;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Forgot password" (seed 004): the form that asks for the organization and the username or email,
 * answered the same whether or not the account exists, and the page the emailed link opens, which
 * sets a new password once. Nobody is signed in on either.
 */
@Controller
class PasswordResetPages {

    /** The request form: which organization, which account. */
    public static class ForgotForm {

        private String tenant;
        private String login;

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }

        public String getLogin() {
            return login;
        }

        public void setLogin(String login) {
            this.login = login;
        }
    }

    /** The new password, twice; the link's secret rides along hidden. Passwords are never sent back. */
    public static class ResetForm {

        private String token;
        private String password;
        private String confirm;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getConfirm() {
            return confirm;
        }

        public void setConfirm(String confirm) {
            this.confirm = confirm;
        }
    }

    private final PasswordResets resets;

    PasswordResetPages(PasswordResets resets) {
        this.resets = resets;
    }

    @PermitAll
    @GetMapping("/password/forgot")
    String forgotForm(@ModelAttribute("forgot") ForgotForm form) {
        return "identity/password-forgot";
    }

    @PermitAll
    @PostMapping("/password/forgot")
    String forgot(@ModelAttribute("forgot") ForgotForm form, BindingResult binding, RedirectAttributes redirect) {
        if (blank(form.getTenant())) {
            FormErrors.rejectKey(binding, "tenant", "login.error.tenant");
        }
        if (blank(form.getLogin())) {
            FormErrors.rejectKey(binding, "login", "password.forgot.error.login");
        }
        if (binding.hasErrors()) {
            return "identity/password-forgot";
        }
        String linkPrefix = ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/password/reset")
                        .build()
                        .toUriString()
                + "?token=";
        resets.request(
                form.getTenant(),
                form.getLogin(),
                linkPrefix,
                LocaleContextHolder.getLocale().getLanguage().equals("en") ? "en" : "es");
        // The same words whether or not such an account exists.
        redirect.addFlashAttribute("sent", true);
        return "redirect:/password/forgot";
    }

    @PermitAll
    @GetMapping("/password/reset")
    String resetForm(
            @ModelAttribute("reset") ResetForm form, BindingResult binding, Model model, HttpServletResponse response) {
        // The address holds the secret: no cache keeps it.
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("state", resets.check(form.getToken()));
        return "identity/password-reset";
    }

    @PermitAll
    @PostMapping("/password/reset")
    String reset(
            @ModelAttribute("reset") ResetForm form, BindingResult binding, Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        LinkState state = resets.check(form.getToken());
        model.addAttribute("state", state);
        if (state != LinkState.VALID) {
            return "identity/password-reset";
        }
        if (blank(form.getPassword())) {
            FormErrors.rejectKey(binding, "password", "password.reset.error.password");
        } else if (!form.getPassword().equals(form.getConfirm())) {
            FormErrors.rejectKey(binding, "confirm", "profile.password.mismatch");
        }
        if (!binding.hasErrors()) {
            try {
                state = resets.reset(form.getToken(), form.getPassword());
                if (state == LinkState.VALID) {
                    return "redirect:/login?reset";
                }
                model.addAttribute("state", state);
            } catch (AuthenticationFailures.WeakPassword weak) {
                FormErrors.rejectKey(binding, "password", "password.reset.error.weak");
            }
        }
        form.setPassword(null);
        form.setConfirm(null);
        return "identity/password-reset";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
