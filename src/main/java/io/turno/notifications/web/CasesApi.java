package io.turno.notifications.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.notifications.internal.Cases;
import io.turno.notifications.internal.Cases.CaseCommand;
import io.turno.notifications.internal.Cases.CaseStatus;
import io.turno.notifications.internal.Cases.CaseView;
import io.turno.notifications.internal.Cases.Party;
import io.turno.notifications.internal.NotificationService;
import io.turno.notifications.internal.NotificationService.NotificationView;
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
import org.springframework.validation.annotation.Validated;
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
@RequestMapping(path = "/api/v1/cases", produces = "application/json")
@Tag(name = "cases", description = "Cases (procesos): number, type, status, parties; notifications may belong to one")
class CasesApi {

    record PartyRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 100) String role,
            @Email @Size(max = 320) String email,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,30}") String phone,
            Boolean whatsappOptIn) {}

    record CaseRequest(
            @NotBlank @Size(max = 50) String number,
            @NotBlank @Size(max = 100) String type,
            CaseStatus status,
            @Size(max = 50) List<@NotNull @Valid PartyRequest> parties,
            @Size(max = 10000) String notes) {

        CaseCommand command() {
            return new CaseCommand(
                    number,
                    type,
                    status,
                    parties == null
                            ? List.of()
                            : parties.stream()
                                    .map(p -> new Party(
                                            p.name(),
                                            p.role(),
                                            p.email(),
                                            p.phone(),
                                            Boolean.TRUE.equals(p.whatsappOptIn())))
                                    .toList(),
                    notes);
        }
    }

    /** A case with its notifications, each with its attempts. */
    record CaseDetail(CaseView kase, List<NotificationView> notifications) {}

    private final Cases cases;
    private final NotificationService notifications;

    CasesApi(Cases cases, NotificationService notifications) {
        this.cases = cases;
        this.notifications = notifications;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('cases:read')")
    @Operation(summary = "Cases, newest first; q matches the number or a party, filter by status and type")
    PageResult<CaseView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return cases.list(caller, q, status, type, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('cases:read')")
    @Operation(summary = "One case, with its notifications and their attempt history")
    CaseDetail get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return new CaseDetail(cases.get(caller, id), notifications.forCase(caller, id));
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('cases:create')")
    @Operation(summary = "Open a case; its number is unique in the organization (409 otherwise)")
    CaseView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody CaseRequest request) {
        return cases.create(caller, request.command());
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('cases:update')")
    @Operation(summary = "Replace a case's number, type, status, parties and notes")
    CaseView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody CaseRequest request) {
        return cases.update(caller, id, request.command());
    }
}
