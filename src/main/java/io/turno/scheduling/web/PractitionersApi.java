package io.turno.scheduling.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.scheduling.internal.PractitionerService;
import io.turno.scheduling.internal.PractitionerService.PractitionerCommand;
import io.turno.scheduling.internal.PractitionerService.TimeOffCommand;
import io.turno.scheduling.internal.PractitionerView;
import io.turno.scheduling.internal.ScheduleView;
import io.turno.scheduling.internal.TimeOffView;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
@RequestMapping(path = "/api/v1/practitioners", produces = "application/json")
@Tag(name = "practitioners", description = "Therapists who can be booked: services, weekly plan, time off")
class PractitionersApi {

    record PractitionerRequest(
            @NotNull UUID userId,
            @Size(max = 200) String displayName,

            @Schema(description = "IANA zone; default the organization's", example = "America/Bogota") @Size(max = 64)
            String timeZone,

            List<UUID> serviceIds,
            @Schema(description = "default true") Boolean active) {

        PractitionerCommand command() {
            return new PractitionerCommand(userId, displayName, timeZone, serviceIds, active == null || active);
        }
    }

    record TimeOffRequest(
            @NotNull OffsetDateTime start,
            @NotNull OffsetDateTime end,
            @Size(max = 500) String reason) {}

    private final PractitionerService practitioners;

    PractitionersApi(PractitionerService practitioners) {
        this.practitioners = practitioners;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('practitioners:read')")
    @Operation(summary = "List practitioners by name; filter by a service they give and by active")
    PageResult<PractitionerView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "service_id", required = false) UUID serviceId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return practitioners.list(caller.tenantId(), serviceId, active, page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('practitioners:create')")
    @Operation(summary = "Make a user (a therapist) bookable, with the bookable services they give")
    PractitionerView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody PractitionerRequest request) {
        return practitioners.create(caller, request.command());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('practitioners:read')")
    PractitionerView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return practitioners.get(caller.tenantId(), id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('practitioners:update')")
    @Operation(summary = "Replace the practitioner with the body (same shape as create)")
    PractitionerView update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @Valid @RequestBody PractitionerRequest request) {
        return practitioners.update(caller, id, request.command());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('practitioners:delete')")
    @Operation(summary = "Deactivate: existing appointments stay, no new ones are booked")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        practitioners.deactivate(caller, id);
    }

    @GetMapping("/{id}/schedule")
    @PreAuthorize("hasAuthority('practitioners:read')")
    @Operation(summary = "The weekly plan (working intervals and breaks per day) and date exceptions, local times")
    ScheduleView schedule(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return practitioners.schedule(caller.tenantId(), id);
    }

    @PutMapping(path = "/{id}/schedule", consumes = "application/json")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    @Operation(summary = "Replace the weekly plan and exceptions; an exception without intervals closes that date")
    ScheduleView replaceSchedule(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @RequestBody ScheduleView schedule) {
        return practitioners.replaceSchedule(caller, id, schedule);
    }

    @GetMapping("/{id}/time-off")
    @PreAuthorize("hasAuthority('practitioners:read')")
    @Operation(summary = "Time off overlapping [from, to) (default: from now, one year)")
    List<TimeOffView> timeOff(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to) {
        Instant start = from == null ? Instant.now().truncatedTo(ChronoUnit.DAYS) : from.toInstant();
        Instant end = to == null ? start.plus(366, ChronoUnit.DAYS) : to.toInstant();
        return practitioners.timeOff(caller.tenantId(), id, start, end);
    }

    @PostMapping(path = "/{id}/time-off", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    @Operation(summary = "Record time off: no slot is offered or booked in it (booked appointments stay)")
    TimeOffView addTimeOff(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody TimeOffRequest request) {
        return practitioners.addTimeOff(
                caller, id, new TimeOffCommand(request.start(), request.end(), request.reason()));
    }

    @DeleteMapping("/{id}/time-off/{timeOffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    void removeTimeOff(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, @PathVariable UUID timeOffId) {
        practitioners.removeTimeOff(caller, id, timeOffId);
    }
}
