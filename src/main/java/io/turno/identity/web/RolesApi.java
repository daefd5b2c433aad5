package io.turno.identity.web;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.identity.internal.RolesService;
import io.turno.identity.internal.RolesService.EffectivePermissions;
import io.turno.identity.internal.RolesService.RoleView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "roles", description = "Roles, the permission catalog and grants to users")
class RolesApi {

    /** A role's code: upper case, digits and underscores, 2 to 40 characters. */
    static final String ROLE_CODE = "[A-Z][A-Z0-9_]{1,39}";

    record CreateRoleRequest(
            @NotBlank @Pattern(regexp = ROLE_CODE, message = "{validation.roleCode}")
            String code,

            @NotBlank @Size(max = 100) String name,
            @NotNull Set<@NotBlank String> permissions) {}

    record UpdateRoleRequest(@Size(min = 1, max = 100) String name, Set<@NotBlank String> permissions) {}

    record AssignRequest(@NotNull UUID userId, @NotNull Set<@NotBlank String> permissions) {}

    private final RolesService roles;

    RolesApi(RolesService roles) {
        this.roles = roles;
    }

    @GetMapping(path = "/api/v1/permissions", produces = "application/json")
    @PreAuthorize("hasAuthority('permissions:read')")
    @Operation(summary = "The permission catalog (module:action)")
    SortedSet<String> catalog() {
        return roles.catalog();
    }

    @GetMapping(path = "/api/v1/roles", produces = "application/json")
    @PreAuthorize("hasAuthority('roles:read')")
    List<RoleView> list(@AuthenticationPrincipal CurrentUser caller) {
        return roles.list(caller);
    }

    @PostMapping(path = "/api/v1/roles", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('roles:create')")
    RoleView create(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody CreateRoleRequest request) {
        return roles.create(caller, request.code(), request.name(), request.permissions());
    }

    @PutMapping(path = "/api/v1/roles/{id}", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAuthority('roles:update')")
    RoleView update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody UpdateRoleRequest request) {
        return roles.update(caller, id, request.name(), request.permissions());
    }

    @DeleteMapping("/api/v1/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('roles:delete')")
    @Operation(summary = "Delete a custom role that no user holds; built-in roles stay")
    void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        roles.delete(caller, id);
    }

    @PostMapping(path = "/api/v1/permissions/assign", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAuthority('permissions:assign')")
    @Operation(summary = "Set the permissions a user holds beyond their roles")
    EffectivePermissions assign(
            @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody AssignRequest request) {
        return roles.assign(caller, request.userId(), request.permissions());
    }

    @GetMapping(path = "/api/v1/permissions/user/{id}", produces = "application/json")
    @PreAuthorize("hasAuthority('permissions:read')")
    @Operation(summary = "A user's effective permissions: their roles' plus explicit grants")
    EffectivePermissions effective(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return roles.effective(caller, id);
    }
}
