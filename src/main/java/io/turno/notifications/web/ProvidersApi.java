package io.turno.notifications.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.ProviderKind;
import io.turno.notifications.internal.Providers;
import io.turno.notifications.internal.Providers.ProviderCommand;
import io.turno.notifications.internal.Providers.ProviderView;
import io.turno.shared.Actor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/notification-providers", produces = "application/json")
@Tag(name = "notification-providers", description = "Providers per channel and priority; secrets are write-only")
class ProvidersApi {

    record ProviderRequest(
            @NotNull Channel channel,
            @NotNull ProviderKind kind,
            @NotBlank @Size(max = 100) String name,
            @Min(1) @Max(100) Integer priority,
            Boolean enabled,
            Map<String, Object> settings,
            Map<String, @Size(max = 2000) String> secrets) {

        ProviderCommand command() {
            return new ProviderCommand(channel, kind, name, priority, enabled, settings, secrets);
        }
    }

    private final Providers providers;

    ProvidersApi(Providers providers) {
        this.providers = providers;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('providers:read')")
    @Operation(summary = "The organization's providers by channel and priority (secrets only named, never shown)")
    List<ProviderView> list(@AuthenticationPrincipal Actor caller) {
        return providers.list(caller);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('providers:read')")
    @Operation(summary = "One provider, with its circuit breaker's state and the webhook path to give the provider")
    ProviderView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return providers.get(caller, id);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('providers:create')")
    @Operation(
            summary = "Add a provider: SMTP (EMAIL), WHATSAPP_CLOUD (WHATSAPP) or TWILIO (SMS); secrets are encrypted")
    ProviderView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody ProviderRequest request)
            throws BindException {
        return providers.create(caller, request.command());
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('providers:update')")
    @Operation(summary = "Replace a provider; a secret left out keeps its value")
    ProviderView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody ProviderRequest request)
            throws BindException {
        return providers.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('providers:delete')")
    @Operation(summary = "Remove a provider")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        providers.delete(caller, id);
    }
}
