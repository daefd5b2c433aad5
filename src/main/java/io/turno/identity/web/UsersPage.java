package io.turno.identity.web;

import java.util.Set;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.identity.internal.AuthenticationFailures.WeakPassword;
import io.turno.identity.internal.IdentityPermissions;
import io.turno.identity.internal.RolesService;
import io.turno.identity.internal.UsersService;
import io.turno.identity.internal.UsersService.LoginTaken;
import io.turno.identity.internal.UsersService.NewUser;
import io.turno.identity.internal.UsersService.SelfDeactivation;
import io.turno.identity.internal.UsersService.UserChange;
import io.turno.identity.internal.UsersService.UsernameTaken;
import io.turno.identity.web.UsersApi.CreateUserRequest;
import io.turno.identity.web.UsersApi.UpdateUserRequest;
import io.turno.shared.BusinessException;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.Valid;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users admin pages. The forms bind the API's own request records, so a page and the API accept
 * exactly the same input.
 */
@Controller
class UsersPage {

    private static final int PAGE_SIZE = 20;

    record Filter(String q, Boolean active, String role, Integer page) {

        int pageIndex() {
            return page == null ? 0 : Math.max(0, page);
        }
    }

    private final UsersService users;
    private final RolesService roles;
    private final Notices notices;

    UsersPage(UsersService users, RolesService roles, Notices notices) {
        this.users = users;
        this.roles = roles;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry usersNavigation() {
        return new NavigationEntry(
                NavigationSection.ADMINISTRATION, "nav.users", "/users", IdentityPermissions.USERS_READ, 10);
    }

    /** {@code invalid} is there so a malformed filter value lists everything instead of failing the page. */
    @PreAuthorize("hasAuthority('users:read')")
    @GetMapping("/users")
    String list(
            @AuthenticationPrincipal CurrentUser caller,
            @ModelAttribute("filter") Filter filter,
            BindingResult invalid,
            Model model) {
        model.addAttribute(
                "users",
                users.list(
                        caller,
                        blankToNull(filter.q()),
                        blankToNull(filter.role()),
                        filter.active(),
                        filter.pageIndex(),
                        PAGE_SIZE));
        model.addAttribute("roles", roles.list(caller));
        return "identity/users";
    }

    @PreAuthorize("hasAuthority('users:create')")
    @GetMapping("/users/new")
    String newUser(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute("newUser", new CreateUserRequest(null, null, null, null, Set.of(), null, null));
        return createForm(caller, model);
    }

    @PreAuthorize("hasAuthority('users:create')")
    @PostMapping("/users")
    String create(
            @AuthenticationPrincipal CurrentUser caller,
            @Valid @ModelAttribute("newUser") CreateUserRequest form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var user = new NewUser(
                form.username(),
                form.fullName(),
                blankToNull(form.email()),
                form.password(),
                form.roles(),
                null,
                blankToNull(form.language()));
        // The validation's errors and the service's refusals together: every field's problem in one submit.
        for (var refusal : users.refusals(caller, user)) {
            reject(result, refusal, form);
        }
        if (!result.hasErrors()) {
            try {
                var created = users.create(caller, user);
                notices.success(redirect, "users.notice.created", created.username());
                redirect.addAttribute("q", created.username());
                return "redirect:/users";
            } catch (BusinessException e) {
                reject(result, e, form);
            }
        }
        return createForm(caller, model);
    }

    @PreAuthorize("hasAuthority('users:read')")
    @GetMapping("/users/{id}")
    String edit(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        var user = users.get(caller, id);
        model.addAttribute(
                "userChange",
                new UpdateUserRequest(
                        user.fullName(), user.email(), user.roles(), user.active(), null, user.language()));
        return editForm(caller, id, model);
    }

    /** An empty password keeps the current one; unticking every role leaves the user without roles. */
    @PreAuthorize("hasAuthority('users:update')")
    @PostMapping("/users/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @ModelAttribute("userChange") UpdateUserRequest form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        // Refusals the service would make one at a time, found before it runs so they show together.
        String password = blankToNull(form.password());
        if (password != null && !result.hasFieldErrors("password")) {
            users.refusals(caller, new NewUser(null, null, null, password, null, null))
                    .forEach(weak -> result.rejectValue("password", "identity.password.weak", weak.getMessage()));
        }
        if (Boolean.FALSE.equals(form.active()) && id.equals(caller.userId())) {
            result.rejectValue("active", "users.error.self");
        }
        if (!result.hasErrors()) {
            try {
                var updated = users.update(
                        caller,
                        id,
                        new UserChange(
                                form.fullName(),
                                blankToNull(form.email()),
                                form.roles() == null ? Set.of() : form.roles(),
                                form.active(),
                                blankToNull(form.password()),
                                blankToNull(form.language())));
                notices.success(redirect, "users.notice.updated", updated.username());
                return "redirect:/users/" + id;
            } catch (WeakPassword e) {
                result.rejectValue("password", "identity.password.weak", e.getMessage());
            } catch (SelfDeactivation e) {
                result.rejectValue("active", "users.error.self", e.getMessage());
            } catch (LoginTaken e) {
                result.rejectValue("email", "users.error.loginTaken", new Object[] {e.value()}, e.getMessage());
            } catch (BusinessException e) {
                result.reject(e.code(), e.getMessage());
            }
        }
        return editForm(caller, id, model);
    }

    @PreAuthorize("hasAuthority('users:delete')")
    @PostMapping("/users/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            users.deactivate(caller, id);
            notices.success(redirect, "users.notice.deactivated");
        } catch (SelfDeactivation e) {
            notices.failure(redirect, "users.error.self", e);
        }
        return "redirect:/users/" + id;
    }

    /** A refusal of the users service on its field, in the page's language; unless that field has one already. */
    private static void reject(BindingResult result, BusinessException refusal, CreateUserRequest form) {
        if (refusal instanceof UsernameTaken e) {
            if (!result.hasFieldErrors("username")) {
                result.rejectValue("username", "users.error.taken", new Object[] {form.username()}, e.getMessage());
            }
        } else if (refusal instanceof LoginTaken e) {
            if (!result.hasFieldErrors(e.field())) {
                result.rejectValue(e.field(), "users.error.loginTaken", new Object[] {e.value()}, e.getMessage());
            }
        } else if (refusal instanceof WeakPassword e) {
            if (!result.hasFieldErrors("password")) {
                result.rejectValue("password", "identity.password.weak", e.getMessage());
            }
        } else {
            result.reject(refusal.code(), refusal.getMessage());
        }
    }

    private String createForm(CurrentUser caller, Model model) {
        model.addAttribute("roles", roles.list(caller));
        return "identity/user-new";
    }

    private String editForm(CurrentUser caller, UUID id, Model model) {
        model.addAttribute("user", users.get(caller, id));
        model.addAttribute("roles", roles.list(caller));
        return "identity/user-edit";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
