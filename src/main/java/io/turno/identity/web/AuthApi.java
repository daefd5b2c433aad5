package io.turno.identity.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.identity.internal.AuthService;
import io.turno.identity.internal.AuthService.Me;
import io.turno.identity.internal.AuthService.SessionView;
import io.turno.identity.internal.AuthService.Tokens;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/auth", produces = "application/json")
@Tag(name = "auth", description = "Login, tokens and sessions")
class AuthApi {

    record LoginRequest(
            @NotBlank @Size(max = 63) String tenant,

            @Schema(description = "The username or the email of the user (an email two users share signs in neither)")
            @NotBlank
            @Size(max = 320)
            String username,

            @NotBlank @Size(max = 128) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

    record RegisterRequest(
            @NotBlank @Size(max = 63) String tenant,

            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "{validation.username}")
            String username,

            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password) {}

    record ChangePasswordRequest(
            @NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(max = 128) String newPassword) {}

    private final AuthService auth;

    AuthApi(AuthService auth) {
        this.auth = auth;
    }

    @PermitAll
    @PostMapping(path = "/register", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create your own PATIENT account where the organization allows it, and sign in")
    Tokens register(@Valid @RequestBody RegisterRequest register, HttpServletRequest request) {
        return auth.register(
                register.tenant(),
                register.username(),
                register.fullName(),
                register.email(),
                register.password(),
                request.getHeader("User-Agent"));
    }

    @PermitAll
    @PostMapping(path = "/login", consumes = "application/json")
    @Operation(summary = "Sign in; answers an access token and a rotating refresh token")
    Tokens login(@Valid @RequestBody LoginRequest login, HttpServletRequest request) {
        return auth.login(login.tenant(), login.username(), login.password(), request.getHeader("User-Agent"));
    }

    @PermitAll
    @PostMapping(path = "/refresh", consumes = "application/json")
    @Operation(summary = "Exchange a refresh token for a new pair; a reused refresh token ends the session")
    Tokens refresh(@Valid @RequestBody RefreshRequest refresh) {
        return auth.refresh(refresh.refreshToken());
    }

    @PreAuthorize("isAuthenticated()")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End this session: every token of it stops working at once")
    void logout(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        auth.logout(user, AuthService.sessionAttribute(request));
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/me")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return auth.me(user);
    }

    @PreAuthorize("isAuthenticated()")
    @PostMapping(path = "/change-password", consumes = "application/json")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; ends the user's other sessions")
    void changePassword(
            @AuthenticationPrincipal CurrentUser user,
            @Valid @RequestBody ChangePasswordRequest change,
            HttpServletRequest request) {
        auth.changePassword(
                user, AuthService.sessionAttribute(request), change.currentPassword(), change.newPassword());
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/sessions")
    List<SessionView> sessions(@AuthenticationPrincipal CurrentUser user) {
        return auth.openSessions(user);
    }

    @PreAuthorize("isAuthenticated()")
    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endSession(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        auth.endSession(user, id);
    }
}
