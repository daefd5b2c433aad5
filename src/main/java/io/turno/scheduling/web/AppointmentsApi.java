package io.turno.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentBooking;
import io.turno.scheduling.internal.AppointmentBooking.BookCommand;
import io.turno.scheduling.internal.AppointmentBooking.Every;
import io.turno.scheduling.internal.AppointmentBooking.RescheduleCommand;
import io.turno.scheduling.internal.AppointmentBooking.Series;
import io.turno.scheduling.internal.AppointmentBooking.SeriesCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.scheduling.internal.AppointmentQueries.Availability;
import io.turno.scheduling.internal.AppointmentQueries.Filter;
import io.turno.scheduling.internal.AppointmentTransitions;
import io.turno.scheduling.internal.Waitlist;
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
import org.springframework.web.bind.annotation.PatchMapping;
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
@RequestMapping(path = "/api/v1/appointments", produces = "application/json")
@Tag(name = "appointments", description = "Citas: availability, booking, agenda, status, series, waitlist")
class AppointmentsApi {

    record BookRequest(
            @Schema(description = "A customer id; a patient booking for themselves may leave it out")
            UUID patientId,

            @Schema(description = "A practitioner id") @NotNull
            UUID therapistId,

            @NotNull UUID serviceId,

            @Schema(example = "2027-03-01T09:00:00-05:00") @NotNull
            OffsetDateTime start,

            @Size(max = 2000) String notes) {}

    record RescheduleRequest(
            UUID therapistId,
            UUID serviceId,
            OffsetDateTime start,
            @Size(max = 2000) String notes) {}

    record SeriesRequest(
            UUID patientId,
            @NotNull UUID therapistId,
            @NotNull UUID serviceId,

            @Schema(description = "The first session") @NotNull
            OffsetDateTime start,

            @NotNull @Min(2) @Max(52) Integer sessions,

            @Schema(description = "WEEKLY (default) or BIWEEKLY")
            Every every,

            @Size(max = 2000) String notes) {}

    record StatusRequest(
            @NotNull AppointmentStatus status,
            @Size(max = 500) String reason) {}

    record CancelRequest(@Size(max = 500) String reason) {}

    record WaitlistRequest(
            UUID patientId,
            @NotNull UUID therapistId,
            @NotNull UUID serviceId,
            @NotNull LocalDate dateFrom,
            @NotNull LocalDate dateTo) {}

    private final AppointmentQueries appointments;
    private final AppointmentBooking booking;
    private final AppointmentTransitions transitions;
    private final Waitlist waitlist;

    AppointmentsApi(
            AppointmentQueries appointments,
            AppointmentBooking booking,
            AppointmentTransitions transitions,
            Waitlist waitlist) {
        this.appointments = appointments;
        this.booking = booking;
        this.transitions = transitions;
        this.waitlist = waitlist;
    }

    @GetMapping("/available")
    @PreAuthorize("hasAuthority('appointments:read')")
    @Operation(
            summary =
                    "Free slots of a practitioner for a service, dates in the practitioner's time zone (up to 62 days)")
    Availability available(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(name = "therapist_id") UUID therapistId,
            @RequestParam(name = "service_id") UUID serviceId,
            @RequestParam(name = "date_from") LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) LocalDate dateTo) {
        return appointments.available(
                caller.tenantId(), therapistId, serviceId, dateFrom, dateTo == null ? dateFrom : dateTo);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('appointments:create')")
    @Operation(summary = "Book: REQUESTED; 409 CONFLICT when the practitioner is already booked at that time")
    AppointmentView book(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody BookRequest request) {
        return booking.book(
                caller,
                new BookCommand(
                        patient(caller, request.patientId()),
                        request.therapistId(),
                        request.serviceId(),
                        request.start(),
                        request.notes()));
    }

    @PostMapping(path = "/series", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('appointments:create')")
    @Operation(summary = "Book N sessions weekly or every two weeks at once: all or none (409 names the taken dates)")
    Series series(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody SeriesRequest request) {
        var first = new BookCommand(
                patient(caller, request.patientId()),
                request.therapistId(),
                request.serviceId(),
                request.start(),
                request.notes());
        return booking.bookSeries(
                caller,
                new SeriesCommand(first, request.sessions(), request.every() == null ? Every.WEEKLY : request.every()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('appointments:read')")
    @Operation(summary = "Appointments by start; a patient sees their own, a therapist their agenda")
    PageResult<AppointmentView> list(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(name = "patient_id", required = false) UUID patientId,
            @RequestParam(name = "therapist_id", required = false) UUID therapistId,
            @RequestParam(required = false) AppointmentStatus status,
            @RequestParam(name = "date_from", required = false) LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) LocalDate dateTo,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return appointments.list(caller, new Filter(patientId, therapistId, status, dateFrom, dateTo), page, size);
    }

    @GetMapping("/therapist/{id}")
    @PreAuthorize("hasAuthority('appointments:read')")
    @Operation(summary = "A practitioner's agenda, dates in their time zone (default: the next 7 days)")
    List<AppointmentView> agenda(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(name = "date_from", required = false) LocalDate dateFrom,
            @RequestParam(name = "date_to", required = false) LocalDate dateTo,
            @RequestParam(name = "include_cancelled", defaultValue = "false") boolean cancelled) {
        return appointments.agenda(caller, id, dateFrom, dateTo, cancelled);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('appointments:read')")
    AppointmentView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return appointments.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('appointments:update')")
    @Operation(summary = "Move (start, therapist, service) or change notes of a REQUESTED or CONFIRMED appointment")
    AppointmentView reschedule(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody RescheduleRequest request) {
        return booking.reschedule(
                caller,
                id,
                new RescheduleCommand(request.therapistId(), request.serviceId(), request.start(), request.notes()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('appointments:cancel')")
    @Operation(
            summary =
                    "Cancel, with an optional reason (body {reason} or ?reason=); the slot is offered to the waitlist")
    AppointmentView cancel(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(name = "reason", required = false) @Size(max = 500) String reason,
            @Valid @RequestBody(required = false) CancelRequest body) {
        String why = body != null && body.reason() != null ? body.reason() : reason;
        return transitions.cancel(caller, id, why);
    }

    @PatchMapping(path = "/{id}/status", consumes = "application/json")
    @PreAuthorize("hasAuthority('appointments:status')")
    @Operation(
            summary = "REQUESTED → CONFIRMED → CHECKED_IN → IN_PROGRESS → COMPLETED, or CANCELLED / NO_SHOW; "
                    + "any other move is 409 naming the current state")
    AppointmentView status(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody StatusRequest request) {
        return transitions.changeStatus(caller, id, request.status(), request.reason());
    }

    @PostMapping(path = "/waitlist", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('appointments:create')")
    @Operation(summary = "Wait for a freed slot of a practitioner and service between two dates")
    Waitlist.Entry joinWaitlist(
            @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody WaitlistRequest request) {
        return waitlist.join(
                caller,
                patient(caller, request.patientId()),
                request.therapistId(),
                request.serviceId(),
                request.dateFrom(),
                request.dateTo());
    }

    @GetMapping("/waitlist")
    @PreAuthorize("hasAuthority('appointments:read')")
    @Operation(summary = "Waitlist entries (a patient's own), newest first, with the slot offered if any")
    List<Waitlist.Entry> waitlist(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(name = "therapist_id", required = false) UUID therapistId) {
        return waitlist.entries(caller, therapistId);
    }

    @DeleteMapping("/waitlist/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('appointments:cancel')")
    void leaveWaitlist(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        waitlist.leave(caller, id);
    }

    /** The patient named, or the caller's own record when none is named. */
    private UUID patient(CurrentUser caller, UUID named) {
        return named != null ? named : appointments.ownPatient(caller).orElse(null);
    }
}
