package io.turno.notifications.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.Templates;
import io.turno.notifications.internal.Templates.TemplateCommand;
import io.turno.notifications.internal.Templates.TemplateView;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindException;
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
@RequestMapping(path = "/api/v1/notification-templates", produces = "application/json")
@Tag(name = "notification-templates", description = "Message templates per channel and language with {{variables}}")
class NotificationTemplatesApi {

    record TemplateRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}")
            String code,

            @NotNull Channel channel,
            @NotNull @Pattern(regexp = "es|en") String language,
            @Size(max = 300) String subject,
            @NotBlank @Size(max = 20000) String body,
            List<@Pattern(regexp = "[a-z][a-z0-9_]*") String> variables) {

        TemplateCommand command() {
            return new TemplateCommand(
                    code, channel, language, subject, body, variables == null ? List.of() : variables);
        }
    }

    private final Templates templates;

    NotificationTemplatesApi(Templates templates) {
        this.templates = templates;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('templates:read')")
    @Operation(summary = "Templates by code, channel and language")
    PageResult<TemplateView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) String language,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return templates.list(caller, code, channel, language, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('templates:read')")
    @Operation(summary = "One template")
    TemplateView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return templates.get(caller, id);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('templates:create')")
    @Operation(
            summary = "Add a template; code, channel and language are unique together; placeholders must be declared")
    TemplateView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody TemplateRequest request)
            throws BindException {
        return templates.create(caller, request.command());
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('templates:update')")
    @Operation(summary = "Replace subject, body and variables (code, channel and language stay)")
    TemplateView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody TemplateRequest request)
            throws BindException {
        return templates.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('templates:delete')")
    @Operation(summary = "Delete a template")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        templates.delete(caller, id);
    }
}
