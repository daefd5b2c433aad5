package io.turno.identity.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.identity.internal.IdentityPermissions;
import io.turno.identity.internal.RolesService;
import io.turno.identity.internal.RolesService.RoleCodeTaken;
import io.turno.identity.internal.RolesService.RoleView;
import io.turno.shared.BusinessException;
import io.turno.web.Labels;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Roles and their permissions, one role at a time (picked from the list of roles): its permissions
 * grouped by the module that declares them, each by its label with its code beside it, saved
 * together from a bar that stays in view. Custom roles come and go here.
 */
@Controller
class RolesPage {

    /** One permission as the page shows it, ticked when the role holds it. */
    record Item(String code, String label, boolean granted) {}

    /** A module's permissions under the module's name; {@code granted} of them are the role's. */
    record Group(String module, String label, List<Item> items, long granted) {}

    /** A new role starts without permissions; they are ticked in the matrix afterwards. */
    record NewRole(
            @NotBlank @Pattern(regexp = RolesApi.ROLE_CODE) String code,
            @NotBlank @Size(max = 100) String name) {}

    private final RolesService roles;
    private final Notices notices;
    private final Labels labels;

    RolesPage(RolesService roles, Notices notices, Labels labels) {
        this.roles = roles;
        this.notices = notices;
        this.labels = labels;
    }

    @Bean
    static NavigationEntry rolesNavigation() {
        return new NavigationEntry(
                NavigationSection.ADMINISTRATION, "nav.roles", "/roles", IdentityPermissions.ROLES_READ, 20);
    }

    @PreAuthorize("hasAuthority('roles:read')")
    @GetMapping("/roles")
    String matrix(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) UUID role, Model model) {
        model.addAttribute("newRole", new NewRole(null, null));
        return page(caller, role, model);
    }

    @PreAuthorize("hasAuthority('roles:create')")
    @PostMapping("/roles")
    String create(
            @AuthenticationPrincipal CurrentUser caller,
            @Valid @ModelAttribute("newRole") NewRole form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                var created = roles.create(caller, form.code(), form.name(), Set.of());
                notices.success(redirect, "roles.notice.created", form.code());
                return "redirect:/roles?role=" + created.id();
            } catch (RoleCodeTaken e) {
                result.rejectValue("code", "roles.error.taken", new Object[] {form.code()}, e.getMessage());
            } catch (BusinessException e) {
                result.reject(e.code(), e.getMessage());
            }
        }
        return page(caller, null, model);
    }

    /** A role with nothing ticked sends no {@code permissions} at all: the role keeps none. */
    @PreAuthorize("hasAuthority('roles:update')")
    @PostMapping("/roles/{id}")
    String save(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(required = false) Set<String> permissions,
            RedirectAttributes redirect) {
        try {
            var saved = roles.update(caller, id, null, permissions == null ? Set.of() : permissions);
            notices.success(redirect, "roles.notice.saved", saved.code());
        } catch (BusinessException e) {
            notices.failure(redirect, e);
        }
        return "redirect:/roles?role=" + id;
    }

    @PreAuthorize("hasAuthority('roles:delete')")
    @PostMapping("/roles/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            roles.delete(caller, id);
            notices.success(redirect, "roles.notice.deleted");
        } catch (BusinessException e) {
            notices.failure(redirect, e);
            return "redirect:/roles?role=" + id;
        }
        return "redirect:/roles";
    }

    /** The role asked for, else the first; its permissions grouped by module, modules by their name. */
    private String page(CurrentUser caller, UUID wanted, Model model) {
        List<RoleView> all = roles.list(caller);
        RoleView selected = all.stream()
                .filter(r -> r.id().equals(wanted))
                .findFirst()
                .orElse(all.isEmpty() ? null : all.getFirst());
        model.addAttribute("roles", all);
        model.addAttribute("selected", selected);
        model.addAttribute("groups", selected == null ? List.of() : groups(selected));
        return "identity/roles";
    }

    private List<Group> groups(RoleView role) {
        Labels.Words words = labels.current();
        Collator collator = Collator.getInstance(LocaleContextHolder.getLocale());
        return roles.catalogByModule().entrySet().stream()
                .map(module -> {
                    List<Item> items = module.getValue().stream()
                            .map(p -> new Item(
                                    p, words.permission(p), role.permissions().contains(p)))
                            .toList();
                    long granted = items.stream().filter(Item::granted).count();
                    return new Group(module.getKey(), words.module(module.getKey()), items, granted);
                })
                .sorted(Comparator.comparing(Group::label, collator))
                .toList();
    }
}
