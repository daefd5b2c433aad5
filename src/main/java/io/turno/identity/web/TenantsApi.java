package io.turno.identity.web;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.identity.internal.TenantsService;
import io.turno.identity.internal.TenantsService.FirstAdmin;
import io.turno.identity.internal.TenantsService.NewTenant;
import io.turno.identity.internal.TenantsService.TenantChange;
import io.turno.identity.internal.TenantsService.TenantView;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
@RequestMapping(path = "/api/v1/tenants", produces = "application/json")
@Tag(name = "tenants", description = "Organizations on the platform (SUPER_ADMIN of tenant 'platform' only)")
class TenantsApi {

    record AdminRequest(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "{validation.username}")
            String username,

            @Size(max = 200) String fullName,
            @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 128) String password) {}

    record CreateTenantRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "{validation.slug}")
            String slug,

            @NotBlank @Size(max = 200) String name,
            @Size(max = 64) String timeZone,
            @Size(max = 5) String locale,
            @Size(min = 3, max = 3) String currency,
            Map<String, Object> settings,
            @Valid AdminRequest admin) {}

    record UpdateTenantRequest(
            @Size(min = 1, max = 200) String name,
            @Size(max = 64) String timeZone,
            @Size(max = 5) String locale,
            @Size(min = 3, max = 3) String currency,
            Map<String, Object> settings,
            Boolean active) {}

    private final TenantsService tenants;

    TenantsApi(TenantsService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('tenants:read')")
    @Operation(summary = "List organizations; filter by text (slug, name) and active flag")
    PageResult<TenantView> list(
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return tenants.list(q, active, page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('tenants:create')")
    @Operation(summary = "Create an organization with its built-in roles and, optionally, its first administrator")
    TenantView create(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody CreateTenantRequest request) {
        var admin = request.admin() == null
                ? null
                : new FirstAdmin(
                        request.admin().username(),
                        request.admin().fullName(),
                        request.admin().email(),
                        request.admin().password());
        return tenants.create(
                caller,
                new NewTenant(
                        request.slug(),
                        request.name(),
                        request.timeZone(),
                        request.locale(),
                        request.currency(),
                        request.settings(),
                        admin));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('tenants:read')")
    TenantView get(@PathVariable UUID id) {
        return tenants.get(id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('tenants:update')")
    @Operation(summary = "Change name, time zone, locale, currency, settings or active flag")
    TenantView update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody UpdateTenantRequest request) {
        return tenants.update(
                caller,
                id,
                new TenantChange(
                        request.name(),
                        request.timeZone(),
                        request.locale(),
                        request.currency(),
                        request.settings(),
                        request.active()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('tenants:delete')")
    @Operation(summary = "Deactivate: its users can no longer sign in and their sessions end now; data stays")
    void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        tenants.deactivate(caller, id);
    }
}
