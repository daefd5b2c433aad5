package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.turno.identity.TenantDirectory;
import io.turno.scheduling.AppointmentView;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How long before an appointment a patient may still move or cancel it themselves: the
 * organization's setting {@code patient_notice_hours} (0 to 720), else {@link #DEFAULT}. Later, the
 * front desk does it; staff are never held to it.
 */
@Component
public class PatientNotice {

    static final Duration DEFAULT = Duration.ofHours(24);
    static final String SETTING = "patient_notice_hours";

    private final TenantDirectory tenants;
    private final Clock clock;

    PatientNotice(TenantDirectory tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    public Duration of(TenantId tenant) {
        return tenants.setting(tenant, SETTING).flatMap(PatientNotice::hours).orElse(DEFAULT);
    }

    /** Whether a patient may still move or cancel an appointment starting at {@code start}. */
    public boolean allows(TenantId tenant, OffsetDateTime start) {
        return !clock.instant().plus(of(tenant)).isAfter(start.toInstant());
    }

    /** Refuses the patient's own change once the notice has passed; anyone acting for others is not held. */
    void require(TenantId tenant, AppointmentAccess.Scope scope, AppointmentView appointment) {
        if (scope.all() || !appointment.patientId().equals(scope.customerId())) {
            return;
        }
        if (!allows(tenant, appointment.start())) {
            throw new TooLate(of(tenant));
        }
    }

    private static java.util.Optional<Duration> hours(String text) {
        try {
            int hours = Integer.parseInt(text.strip());
            return hours >= 0 && hours <= 720
                    ? java.util.Optional.of(Duration.ofHours(hours))
                    : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static final class TooLate extends BusinessException {
        TooLate(Duration notice) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.BUSINESS_RULE_VIOLATION,
                    "Faltan menos de " + notice.toHours()
                            + " h para la cita: ya no puedes cambiarla ni cancelarla en línea; llama a recepción.");
        }
    }
}
