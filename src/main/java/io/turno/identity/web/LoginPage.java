package io.turno.identity.web;

import io.turno.identity.internal.SignInAttempt;
import io.turno.web.FormErrors;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page. A refused sign-in comes back with the organization and user it typed (never the
 * password) and, like every form, a message next to each empty field, or one for the form when all
 * were typed but do not match.
 */
@Controller
class LoginPage {

    /** What the sign-in form shows; the password is never one of its values. */
    public static class LoginForm {

        private String tenant;
        private String username;
        private String password;

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    @PermitAll
    @GetMapping("/login")
    String login(Authentication authentication, HttpServletRequest request, Model model) {
        boolean signedIn = authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        if (signedIn) {
            return "redirect:/";
        }
        var form = new LoginForm();
        BindingResult binding = new BeanPropertyBindingResult(form, "login");
        SignInAttempt.recall(request).ifPresent(attempt -> {
            form.setTenant(attempt.tenant());
            form.setUsername(attempt.username());
            if (attempt.tenant().isBlank()) {
                FormErrors.rejectKey(binding, "tenant", "login.error.tenant");
            }
            if (attempt.username().isBlank()) {
                FormErrors.rejectKey(binding, "username", "login.error.username");
            }
            if (!attempt.passwordTyped()) {
                FormErrors.rejectKey(binding, "password", "login.error.password");
            }
            if (!binding.hasErrors()) {
                FormErrors.rejectKey(binding, null, "login.error.credentials");
            }
        });
        model.addAttribute("login", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "login", binding);
        return "identity/login";
    }
}
