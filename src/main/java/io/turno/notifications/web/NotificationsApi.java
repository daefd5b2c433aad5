package io.turno.notifications.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.NotificationService;
import io.turno.notifications.internal.NotificationService.NotificationCommand;
import io.turno.notifications.internal.NotificationService.NotificationQuery;
import io.turno.notifications.internal.NotificationService.NotificationView;
import io.turno.notifications.internal.NotificationService.Recipient;
import io.turno.notifications.internal.NotificationStatus;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping(path = "/api/v1/notifications", produces = "application/json")
@Tag(
        name = "notifications",
        description = "Email, WhatsApp and SMS with retries, fallback channels and an attempt history")
class NotificationsApi {

    record RecipientRequest(
            @NotBlank @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,30}") String phone,
            Boolean whatsappOptIn) {}

    record NotificationRequest(
            UUID caseId,
            @NotNull @Valid RecipientRequest recipient,
            @NotNull Channel channel,
            @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String templateCode,
            @Pattern(regexp = "es|en") String language,
            Map<String, @Size(max = 2000) String> variables,
            @Size(max = 300) String subject,
            @Size(max = 20000) String body,
            @Size(max = 2) List<@NotNull Channel> fallbackChannels,
            Instant sendAt) {

        NotificationCommand command() {
            return new NotificationCommand(
                    caseId,
                    new Recipient(recipient.name(), recipient.email(), recipient.phone(), recipient.whatsappOptIn()),
                    channel,
                    templateCode,
                    language,
                    variables,
                    subject,
                    body,
                    fallbackChannels,
                    sendAt);
        }
    }

    private final NotificationService notifications;

    NotificationsApi(NotificationService notifications) {
        this.notifications = notifications;
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('notifications:create')")
    @Operation(
            summary =
                    "Validate and queue a notification (template + variables, or subject + body); sent asynchronously")
    NotificationView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody NotificationRequest request)
            throws BindException {
        return notifications.create(caller, request.command());
    }

    @GetMapping
    @PreAuthorize("hasAuthority('notifications:read')")
    @Operation(summary = "Notifications, newest first; filter by case_id, status, channel and creation time [from, to)")
    PageResult<NotificationView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "case_id", required = false) UUID caseId,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return notifications.list(caller, new NotificationQuery(caseId, status, channel, from, to, false), page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('notifications:read')")
    @Operation(summary = "One notification with every attempt (time, provider, outcome, latency, error)")
    NotificationView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return notifications.get(caller, id);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('notifications:update')")
    @Operation(summary = "Cancel a pending notification (409 otherwise)")
    NotificationView cancel(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return notifications.cancel(caller, id);
    }

    @PostMapping("/{id}/resend")
    @PreAuthorize("hasAuthority('notifications:update')")
    @Operation(summary = "Queue a failed or cancelled notification again, with the same Message-ID (409 otherwise)")
    NotificationView resend(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return notifications.resend(caller, id);
    }
}
