package io.turno.scheduling.web;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.billing.PaymentMethod;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.internal.AppointmentBooking.BookCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.scheduling.internal.Reservations;
import io.turno.scheduling.internal.Reservations.ReserveCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/reservations", produces = "application/json")
@Tag(name = "reservations", description = "Reservas con pago (seed 004): hold, charge, confirm or release")
class ReservationsApi {

    record ReserveRequest(
            @Schema(description = "A customer id; a patient reserving for themselves may leave it out")
            UUID patientId,

            @NotNull UUID therapistId,
            @NotNull UUID serviceId,

            @Schema(example = "2027-03-01T09:00:00-05:00") @NotNull
            OffsetDateTime start,

            @Size(max = 2000) String notes,

            @Schema(description = "CARD (default), or CASH/TRANSFER/OTHER taken by the manual provider")
            PaymentMethod method,

            @Schema(description = "The card as the provider's form tokenized it") @Size(max = 200)
            String cardToken,

            @Schema(description = "Sent again, never charges twice") @Size(max = 120)
            String idempotencyKey) {}

    private final Reservations reservations;
    private final AppointmentQueries appointments;

    ReservationsApi(Reservations reservations, AppointmentQueries appointments) {
        this.reservations = reservations;
        this.appointments = appointments;
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('appointments:reserve')")
    @Operation(
            summary =
                    "Hold the slot, take the service's price, confirm: 201 CONFIRMED with its payment; a declined "
                            + "(402) or unanswered (504) payment frees the slot and books nothing; 409 CONFLICT when the slot is taken")
    Reservations.Reservation reserve(
            @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody ReserveRequest request) {
        UUID patient = request.patientId() != null
                ? request.patientId()
                : appointments.ownPatient(caller).orElse(null);
        return reservations.reserve(
                caller,
                new ReserveCommand(
                        new BookCommand(
                                patient, request.therapistId(), request.serviceId(), request.start(), request.notes()),
                        request.method(),
                        request.cardToken(),
                        request.idempotencyKey()));
    }
}
