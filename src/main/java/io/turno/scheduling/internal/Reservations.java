package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.UUID;

import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentView;
import io.turno.billing.Payments;
import io.turno.billing.Payments.ChargeRequest;
import io.turno.billing.Payments.ChargeResult;
import io.turno.identity.CurrentUser;
import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentBooking.BookCommand;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A reservation with payment (seed 004): the slot is held (a HELD appointment, committed, so the
 * exclusion constraint keeps everyone else off it), the payment is taken with no transaction open,
 * then the hold is confirmed, or deleted when the payment is declined or not answered. A crash in
 * between leaves a hold that expires by itself ({@code turno.scheduling.reservations.hold-for}).
 */
@Service
public class Reservations {

    private static final Logger log = LoggerFactory.getLogger(Reservations.class);

    public record ReserveCommand(BookCommand booking, PaymentMethod method, String cardToken, String idempotencyKey) {}

    public record Reservation(AppointmentView appointment, PaymentView payment) {}

    private final AppointmentBooking booking;
    private final AppointmentTransitions transitions;
    private final AppointmentQueries appointments;
    private final Payments payments;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final Duration holdFor;

    Reservations(
            AppointmentBooking booking,
            AppointmentTransitions transitions,
            AppointmentQueries appointments,
            Payments payments,
            TenantDirectory tenants,
            Clock clock,
            @Value("${turno.scheduling.reservations.hold-for:PT15M}") Duration holdFor) {
        this.booking = booking;
        this.transitions = transitions;
        this.appointments = appointments;
        this.payments = payments;
        this.tenants = tenants;
        this.clock = clock;
        this.holdFor = holdFor;
    }

    /** Holds, charges and confirms; never called inside a transaction (the charge may take seconds). */
    public Reservation reserve(CurrentUser caller, ReserveCommand command) {
        AppointmentView held =
                booking.hold(caller, command.booking(), clock.instant().plus(holdFor));
        var service = appointments.serviceOf(caller.tenantId(), held);
        if (service.price() == null || service.price().signum() <= 0) {
            transitions.releaseHold(caller, held.id(), "service without price");
            throw new PaymentFailed(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "El servicio " + service.name()
                            + " no tiene precio: resérvalo sin pago (POST /api/v1/appointments).");
        }
        // The hold's id names the charge: a retry of this reservation's payment is never charged twice.
        String key = command.idempotencyKey() != null ? command.idempotencyKey() : "reservation-" + held.id();
        ChargeResult result;
        try {
            result = payments.charge(
                    caller.tenantId(),
                    new ChargeRequest(
                            held.id(),
                            held.patientId(),
                            service.price(),
                            service.currency(),
                            command.method() == null ? PaymentMethod.CARD : command.method(),
                            command.cardToken(),
                            key,
                            "Cita: " + service.name()),
                    caller);
        } catch (RuntimeException e) {
            transitions.releaseHold(caller, held.id(), "payment refused: " + e.getMessage());
            throw e;
        }
        return switch (result.status()) {
            case DECLINED -> {
                transitions.releaseHold(caller, held.id(), "payment declined: " + result.reason());
                throw new PaymentFailed(
                        HttpStatus.PAYMENT_REQUIRED,
                        "El pago fue rechazado"
                                + (result.reason() == null ? "" : " (" + result.reason() + ")")
                                + "; el horario quedó libre y no se reservó la cita.");
            }
            case TIMED_OUT -> {
                transitions.releaseHold(caller, held.id(), "payment timed out: " + result.reason());
                throw new PaymentFailed(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "El proveedor de pagos no respondió; el horario"
                                + " quedó libre y no se reservó la cita. Si se cobró, el cobro se reconoce al reintentar con"
                                + " la misma idempotency_key.");
            }
            case APPROVED -> new Reservation(confirm(caller, held.id(), result.payment()), result.payment());
        };
    }

    private AppointmentView confirm(Actor actor, UUID id, PaymentView payment) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("payment_id", payment.id().toString());
        summary.put("receipt_number", payment.receiptNumber());
        summary.put("amount", payment.amount().toPlainString());
        // A payment recorded against the hold keeps it from being dropped; only the sweep, finding it
        // expired and paid, may have confirmed it first.
        return transitions
                .confirmHold(actor, id, summary)
                .or(() ->
                        appointments.find(actor.tenantId(), id).filter(a -> a.status() == AppointmentStatus.CONFIRMED))
                .orElseThrow(() -> new PaymentFailed(
                        HttpStatus.CONFLICT,
                        "La reserva venció antes de confirmarse el pago" + " (recibo " + payment.receiptNumber()
                                + "); reembolsa el pago o reserva otro horario."));
    }

    /**
     * Expired holds of every tenant: deleted when nothing was paid for them, confirmed when a payment
     * was recorded before the crash that kept their reservation from confirming them.
     */
    public int sweep() {
        int swept = 0;
        for (var tenant : tenants.tenants()) {
            swept += TenantScope.call(tenant.id(), () -> sweep(tenant.id()));
        }
        return swept;
    }

    private int sweep(TenantId tenant) {
        int swept = 0;
        Actor system = new Actor() {
            @Override
            public TenantId tenantId() {
                return tenant;
            }

            @Override
            public UUID userId() {
                return null;
            }

            @Override
            public String username() {
                return "system";
            }
        };
        for (UUID hold : appointments.expiredHolds(tenant, 500)) {
            var paid = payments.paymentsFor(tenant, hold);
            if (paid.isEmpty()) {
                transitions.releaseHold(system, hold, "hold expired");
            } else {
                log.info(
                        "Hold {} expired with payment {}: confirmed",
                        hold,
                        paid.getFirst().id());
                var p = paid.getFirst();
                var summary = new LinkedHashMap<String, Object>();
                summary.put("payment_id", p.id().toString());
                summary.put("receipt_number", p.receiptNumber());
                transitions.confirmHold(system, hold, summary);
            }
            swept++;
        }
        return swept;
    }

    static final class PaymentFailed extends BusinessException {
        PaymentFailed(HttpStatus status, String message) {
            super(
                    status,
                    status == HttpStatus.CONFLICT ? ProblemCode.CONFLICT : ProblemCode.BUSINESS_RULE_VIOLATION,
                    message);
        }
    }
}
