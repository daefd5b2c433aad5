package io.turno.identity.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.identity.internal.RolesService;
import io.turno.identity.internal.RolesService.EffectivePermissions;
import io.turno.identity.internal.RolesService.RoleView;
import io.turno.identity.internal.UsersService;
import io.turno.shared.BusinessException;
import io.turno.web.Labels;
import io.turno.web.Notices;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * One user's own permissions, beyond those of their roles (seed 003's assign): the catalog grouped by
 * module as on the roles page, the explicit grants ticked, and what the user's roles already give
 * marked beside each. Saving replaces the explicit grants; the user's open sessions see the change
 * on their next request on every instance (the identity session cache hears it, see SessionCache).
 */
@Controller
class UserPermissionsPage {

    /** {@code explicit}: granted to the user; {@code byRole}: given by one of the user's roles. */
    record Item(String code, String label, boolean explicit, boolean byRole) {}

    record Group(String module, String label, List<Item> items, long explicit) {}

    private final RolesService roles;
    private final UsersService users;
    private final Notices notices;
    private final Labels labels;

    UserPermissionsPage(RolesService roles, UsersService users, Notices notices, Labels labels) {
        this.roles = roles;
        this.users = users;
        this.notices = notices;
        this.labels = labels;
    }

    @PreAuthorize("hasAuthority('permissions:read')")
    @GetMapping("/users/{id}/permissions")
    String show(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        EffectivePermissions held = roles.effective(caller, id);
        model.addAttribute("user", users.get(caller, id));
        model.addAttribute("held", held);
        model.addAttribute("groups", groups(held, byRoles(caller, held)));
        return "identity/user-permissions";
    }

    /** Nothing ticked sends no {@code permissions}: the user keeps only their roles' permissions. */
    @PreAuthorize("hasAuthority('permissions:assign')")
    @PostMapping("/users/{id}/permissions")
    String save(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(required = false) Set<String> permissions,
            RedirectAttributes redirect) {
        try {
            var saved = roles.assign(caller, id, permissions == null ? Set.of() : permissions);
            notices.success(
                    redirect, "userPermissions.notice.saved", saved.explicit().size());
        } catch (BusinessException e) {
            notices.failure(redirect, e);
        }
        return "redirect:/users/" + id + "/permissions";
    }

    private Set<String> byRoles(CurrentUser caller, EffectivePermissions held) {
        Set<String> given = new HashSet<>();
        for (RoleView role : roles.list(caller)) {
            if (held.roles().contains(role.code())) {
                given.addAll(role.permissions());
            }
        }
        return given;
    }

    private List<Group> groups(EffectivePermissions held, Set<String> byRole) {
        Labels.Words words = labels.current();
        Collator collator = Collator.getInstance(LocaleContextHolder.getLocale());
        return roles.catalogByModule().entrySet().stream()
                .map(module -> {
                    List<Item> items = module.getValue().stream()
                            .map(p -> new Item(
                                    p, words.permission(p), held.explicit().contains(p), byRole.contains(p)))
                            .toList();
                    long explicit = items.stream().filter(Item::explicit).count();
                    return new Group(module.getKey(), words.module(module.getKey()), items, explicit);
                })
                .sorted(Comparator.comparing(Group::label, collator))
                .toList();
    }
}
