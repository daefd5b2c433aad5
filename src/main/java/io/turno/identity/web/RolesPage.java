package io.turno.identity.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.identity.CurrentUser;
import io.turno.identity.internal.IdentityPermissions;
import io.turno.identity.internal.RolesService;
import io.turno.identity.internal.RolesService.RoleCodeTaken;
import io.turno.shared.BusinessException;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The roles × permissions matrix: each role's column is saved on its own; custom roles come and go here. */
@Controller
class RolesPage {

    /** A new role starts without permissions; they are ticked in the matrix afterwards. */
    record NewRole(
            @NotBlank @Pattern(regexp = RolesApi.ROLE_CODE) String code,
            @NotBlank @Size(max = 100) String name) {}

    private final RolesService roles;
    private final Notices notices;

    RolesPage(RolesService roles, Notices notices) {
        this.roles = roles;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry rolesNavigation() {
        return new NavigationEntry(
                NavigationSection.ADMINISTRATION, "nav.roles", "/roles", IdentityPermissions.ROLES_READ, 20);
    }

    @PreAuthorize("hasAuthority('roles:read')")
    @GetMapping("/roles")
    String matrix(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute("newRole", new NewRole(null, null));
        return page(caller, model);
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
                roles.create(caller, form.code(), form.name(), Set.of());
                notices.success(redirect, "roles.notice.created", form.code());
                return "redirect:/roles";
            } catch (RoleCodeTaken e) {
                result.rejectValue("code", "roles.error.taken", new Object[] {form.code()}, e.getMessage());
            } catch (BusinessException e) {
                result.reject(e.code(), e.getMessage());
            }
        }
        return page(caller, model);
    }

    /** A column with nothing ticked sends no {@code permissions} at all: the role keeps none. */
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
        return "redirect:/roles";
    }

    @PreAuthorize("hasAuthority('roles:delete')")
    @PostMapping("/roles/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            roles.delete(caller, id);
            notices.success(redirect, "roles.notice.deleted");
        } catch (BusinessException e) {
            notices.failure(redirect, e);
        }
        return "redirect:/roles";
    }

    private String page(CurrentUser caller, Model model) {
        model.addAttribute("roles", roles.list(caller));
        model.addAttribute("modules", byModule(roles.catalog()));
        return "identity/roles";
    }

    /** {@code users:read} is listed under {@code users}, so the matrix reads module by module. */
    private static Map<String, List<String>> byModule(Set<String> permissions) {
        return permissions.stream()
                .collect(Collectors.groupingBy(p -> p.substring(0, p.indexOf(':')), TreeMap::new, Collectors.toList()));
    }
}
