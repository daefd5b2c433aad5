package io.turno.identity.web;

import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.identity.internal.UsersService;
import io.turno.identity.internal.UsersService.NewUser;
import io.turno.identity.internal.UsersService.UserChange;
import io.turno.identity.internal.UsersService.UserView;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping(path = "/api/v1/users", produces = "application/json")
@Tag(name = "users", description = "Users of the caller's organization")
class UsersApi {

    record CreateUserRequest(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "{validation.username}")
            String username,

            @NotBlank @Size(max = 200) String fullName,
            @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password,
            @NotEmpty Set<@NotBlank String> roles,
            Boolean active,

            @Schema(description = "es or en: the language alerts are written in (default es)")
            @Pattern(regexp = "es|en", message = "{validation.language}")
            String language) {}

    record UpdateUserRequest(
            @Size(min = 1, max = 200) String fullName,
            @Email @Size(max = 254) String email,
            Set<@NotBlank String> roles,
            Boolean active,
            @Size(max = 128) String password,

            @Pattern(regexp = "es|en", message = "{validation.language}")
            String language) {}

    private final UsersService users;

    UsersApi(UsersService users) {
        this.users = users;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('users:read')")
    @Operation(summary = "List users; filter by text (username, name, email), role and active flag")
    PageResult<UserView> list(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return users.list(caller, q, role, active, page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('users:create')")
    UserView create(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody CreateUserRequest request) {
        return users.create(
                caller,
                new NewUser(
                        request.username(),
                        request.fullName(),
                        request.email(),
                        request.password(),
                        request.roles(),
                        request.active(),
                        request.language()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('users:read')")
    UserView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return users.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('users:update')")
    @Operation(summary = "Change name, email, roles, active flag or reset the password (ends the user's sessions)")
    UserView update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody UpdateUserRequest request) {
        return users.update(
                caller,
                id,
                new UserChange(
                        request.fullName(),
                        request.email(),
                        request.roles(),
                        request.active(),
                        request.password(),
                        request.language()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('users:delete')")
    @Operation(summary = "Deactivate the user: history stays, sessions end, sign-in stops")
    void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        users.deactivate(caller, id);
    }
}
