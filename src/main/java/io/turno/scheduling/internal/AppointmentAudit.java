package io.turno.scheduling.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.scheduling.AppointmentView;
import io.turno.shared.Actor;
import org.springframework.stereotype.Component;

/** How a change of an appointment is written to the audit log: who, what, and the appointment as it was or became. */
@Component
class AppointmentAudit {

    private final AuditLog audit;

    AppointmentAudit(AuditLog audit) {
        this.audit = audit;
    }

    void record(Actor caller, String action, AppointmentView a, Map<String, ?> summary) {
        audit.record(entry(caller, action, a, summary));
    }

    /** One entry per appointment, each with the appointment as it became. */
    void recordCreated(Actor caller, List<AppointmentView> created) {
        audit.recordAll(created.stream()
                .map(a -> entry(caller, "CREATE", a, Map.of("after", summary(a))))
                .toList());
    }

    static Map<String, Object> summary(AppointmentView a) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("patient_id", a.patientId().toString());
        summary.put("therapist_id", a.therapistId().toString());
        summary.put("service_id", a.serviceId().toString());
        summary.put("start", a.start().toString());
        summary.put("end", a.end().toString());
        summary.put("status", a.status().name());
        if (a.cancelReason() != null) {
            summary.put("cancel_reason", a.cancelReason());
        }
        if (a.seriesId() != null) {
            summary.put("series_id", a.seriesId().toString());
        }
        return summary;
    }

    private static AuditEntry entry(Actor caller, String action, AppointmentView a, Map<String, ?> summary) {
        return AuditEntry.by(caller, action, "appointment", a.id().toString(), summary);
    }
}
