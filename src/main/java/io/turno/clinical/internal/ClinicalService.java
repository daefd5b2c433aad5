package io.turno.clinical.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.clinical.ClinicalRecords;
import io.turno.clinical.DiagnosisView;
import io.turno.clinical.PatientView;
import io.turno.clinical.internal.ClinicalFailures.AlreadyPatient;
import io.turno.clinical.internal.ClinicalFailures.Unacceptable;
import io.turno.clinical.internal.JdbcClinical.ClinicalFields;
import io.turno.clinical.internal.JdbcClinical.PatientRow;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.NewCustomer;
import io.turno.identity.CurrentUser;
import io.turno.identity.UserDirectory;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients, care teams and diagnoses. A clinical record (diagnoses) answers only the patient's care
 * team, the patient and holders of {@code clinical:records_all}; anyone else is told it does not
 * exist. Every read of a record, like every change, lands in the audit log.
 */
@Service
public class ClinicalService implements ClinicalRecords {

    /** A new patient: an existing customer ({@code customerId}) or a person to register ({@code customer}). */
    public record PatientCommand(
            UUID customerId,
            NewCustomer customer,
            LocalDate birthDate,
            String emergencyContactName,
            String emergencyContactPhone,
            boolean consentGiven,
            String consentGivenBy,
            UUID userId) {}

    public record DiagnosisCommand(
            UUID patientId, String diagnosis, String icd10Code, String description, String treatmentPlan) {}

    private final JdbcClinical store;
    private final Customers customers;
    private final UserDirectory users;
    private final AuditLog audit;
    private final Clock clock;

    ClinicalService(JdbcClinical store, Customers customers, UserDirectory users, AuditLog audit, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- facade ----

    @Override
    @Transactional
    public void addToCareTeam(TenantId tenant, UUID customerId, UUID therapistUserId) {
        // Every session of a treatment books again with the same therapist: one read settles those.
        if (store.inCareTeam(tenant, customerId, therapistUserId)) {
            return;
        }
        customers.find(tenant, customerId).orElseThrow(() -> new NotFound("Cliente", customerId));
        users.find(tenant, therapistUserId).orElseThrow(() -> new NotFound("Usuario", therapistUserId));
        store.ensure(tenant, customerId);
        if (store.addToCareTeam(tenant, customerId, therapistUserId)) {
            audit.record(new AuditEntry(
                    tenant,
                    null,
                    null,
                    "UPDATE",
                    "patient",
                    customerId.toString(),
                    Map.of("care_team_added", therapistUserId.toString())));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PatientView> findPatient(TenantId tenant, UUID customerId) {
        return store.find(tenant, customerId).map(row -> view(tenant, row));
    }

    // ---- patients ----

    @Transactional(readOnly = true)
    public PageResult<PatientView> list(Actor caller, int page, int size) {
        TenantId tenant = caller.tenantId();
        var items = store.page(tenant, page, size).stream()
                .map(row -> view(tenant, row))
                .toList();
        return new PageResult<>(items, page, size, store.count(tenant));
    }

    /** A patient's profile (no diagnoses), audited as a read of their record. */
    @Transactional
    public PatientView get(Actor caller, UUID id) {
        PatientView patient = patient(caller.tenantId(), id);
        recordRead(caller, id, Map.of("read", "profile"));
        return patient;
    }

    /** The caller's own patient record (a PATIENT signed in), audited as a read. */
    @Transactional
    public PatientView mine(Actor caller) {
        return findMine(caller).orElseThrow(() -> new NotFound("Paciente", "propio"));
    }

    /** The caller's own patient record, if the clinic has opened one for them, audited as a read. */
    @Transactional
    public Optional<PatientView> findMine(Actor caller) {
        TenantId tenant = caller.tenantId();
        Optional<PatientView> patient =
                ownPatientId(caller).flatMap(id -> store.find(tenant, id)).map(row -> view(tenant, row));
        patient.ifPresent(found -> recordRead(caller, found.id(), Map.of("read", "profile")));
        return patient;
    }

    @Transactional
    public PatientView create(Actor caller, PatientCommand command) {
        TenantId tenant = caller.tenantId();
        CustomerView customer;
        if (command.customerId() != null) {
            customer = customers
                    .find(tenant, command.customerId())
                    .orElseThrow(() -> new Unacceptable(
                            "customer_id", "La organización no tiene el cliente " + command.customerId() + "."));
        } else if (command.customer() != null) {
            customer = customers.findOrCreate(tenant, command.customer(), caller);
        } else {
            throw new Unacceptable("customer_id", "Indica customer_id o los datos de la persona en customer.");
        }
        if (!store.insert(tenant, customer.id(), fields(command), caller.userId())) {
            throw new AlreadyPatient();
        }
        if (command.userId() != null) {
            linkAccount(caller, customer.id(), command.userId());
        }
        PatientView created = patient(tenant, customer.id());
        record(caller, "CREATE", customer.id(), Map.of("after", summary(created)));
        return created;
    }

    /** Replaces the clinical fields; the person's document and contact data are the registry's. */
    @Transactional
    public PatientView update(Actor caller, UUID id, PatientCommand command) {
        TenantId tenant = caller.tenantId();
        PatientView before = patient(tenant, id);
        store.update(tenant, id, fields(command), caller.userId());
        if (command.userId() != null) {
            linkAccount(caller, id, command.userId());
        }
        PatientView after = patient(tenant, id);
        record(caller, "UPDATE", id, AuditEntry.change(summary(before), summary(after)));
        return after;
    }

    /**
     * Replaces the person's registry data and the clinical fields in one go (reception's form),
     * opening the record when the person of the registry had none; {@code command}'s customer
     * fields are ignored.
     */
    @Transactional
    public PatientView edit(Actor caller, UUID id, NewCustomer person, PatientCommand command) {
        customers.update(caller, id, person);
        var clinical = new PatientCommand(
                id,
                null,
                command.birthDate(),
                command.emergencyContactName(),
                command.emergencyContactPhone(),
                command.consentGiven(),
                command.consentGivenBy(),
                command.userId());
        return store.find(caller.tenantId(), id).isEmpty() ? create(caller, clinical) : update(caller, id, clinical);
    }

    /** Sets who treats the patient; each must be an active user of the organization. */
    @Transactional
    public PatientView setCareTeam(Actor caller, UUID id, List<UUID> therapistIds) {
        TenantId tenant = caller.tenantId();
        PatientView before = patient(tenant, id);
        Set<UUID> wanted = new LinkedHashSet<>(therapistIds);
        var known = users.findAll(tenant, wanted);
        for (UUID therapist : wanted) {
            if (!known.containsKey(therapist) || !known.get(therapist).active()) {
                throw new Unacceptable(
                        "therapist_ids", "La organización no tiene el usuario activo " + therapist + ".");
            }
        }
        before.careTeam().stream()
                .filter(t -> !wanted.contains(t))
                .forEach(t -> store.removeFromCareTeam(tenant, id, t));
        wanted.forEach(t -> store.addToCareTeam(tenant, id, t));
        PatientView after = patient(tenant, id);
        record(
                caller,
                "UPDATE",
                id,
                AuditEntry.change(
                        Map.of("care_team", ids(before.careTeam())), Map.of("care_team", ids(after.careTeam()))));
        return after;
    }

    // ---- diagnoses ----

    /** The patient's diagnoses, newest first, for those who may read the record; audited. */
    @Transactional
    public List<DiagnosisView> diagnoses(CurrentUser caller, UUID patientId) {
        readableRecord(caller, patientId);
        List<DiagnosisView> diagnoses = store.diagnoses(caller.tenantId(), patientId);
        recordRead(caller, patientId, Map.of("read", "diagnoses", "count", diagnoses.size()));
        return diagnoses;
    }

    /** Whether the caller may read the patient's diagnoses (and so write them, holding {@code clinical:diagnose}). */
    @Transactional(readOnly = true)
    public boolean mayReadRecord(CurrentUser caller, UUID patientId) {
        return caller.can(ClinicalPermissions.RECORDS_ALL)
                || store.inCareTeam(caller.tenantId(), patientId, caller.userId())
                || ownPatientId(caller).filter(patientId::equals).isPresent();
    }

    /** A therapist of the care team (or a holder of {@code clinical:records_all}) adds a diagnosis. */
    @Transactional
    public DiagnosisView diagnose(CurrentUser caller, DiagnosisCommand command) {
        TenantId tenant = caller.tenantId();
        UUID patientId = command.patientId();
        if (store.find(tenant, patientId).isEmpty()
                || !(caller.can(ClinicalPermissions.RECORDS_ALL)
                        || store.inCareTeam(tenant, patientId, caller.userId()))) {
            throw new NotFound("Paciente", patientId);
        }
        var diagnosis = new DiagnosisView(
                UUID.randomUUID(),
                patientId,
                command.diagnosis().strip(),
                command.icd10Code(),
                command.description().strip(),
                command.treatmentPlan().strip(),
                caller.userId(),
                caller.fullName() == null || caller.fullName().isBlank() ? caller.username() : caller.fullName(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        store.insertDiagnosis(tenant, diagnosis);
        var summary = new LinkedHashMap<String, Object>();
        summary.put("diagnosis_id", diagnosis.id().toString());
        summary.put("icd10_code", diagnosis.icd10Code());
        // The clinical text stays in the record: the audit log says that it was written, not what.
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "CREATE",
                "diagnosis",
                diagnosis.id().toString(),
                Map.of("after", summary, "patient_id", patientId.toString())));
        return diagnosis;
    }

    /** The patient, when the caller may read their record; otherwise as if there were no such patient. */
    private void readableRecord(CurrentUser caller, UUID patientId) {
        if (store.find(caller.tenantId(), patientId).isEmpty() || !mayReadRecord(caller, patientId)) {
            throw new NotFound("Paciente", patientId);
        }
    }

    private Optional<UUID> ownPatientId(Actor caller) {
        return customers.findByUser(caller.tenantId(), caller.userId()).map(CustomerView::id);
    }

    private void linkAccount(Actor caller, UUID customerId, UUID userId) {
        if (users.find(caller.tenantId(), userId).isEmpty()) {
            throw new Unacceptable("user_id", "La organización no tiene el usuario " + userId + ".");
        }
        customers.linkUser(caller.tenantId(), customerId, userId, caller);
    }

    private PatientView patient(TenantId tenant, UUID id) {
        return store.find(tenant, id).map(row -> view(tenant, row)).orElseThrow(() -> new NotFound("Paciente", id));
    }

    private PatientView view(TenantId tenant, PatientRow row) {
        CustomerView customer = customers.find(tenant, row.id()).orElseThrow(() -> new NotFound("Paciente", row.id()));
        return new PatientView(
                row.id(),
                customer,
                row.birthDate(),
                row.emergencyContactName(),
                row.emergencyContactPhone(),
                row.consentGiven(),
                row.consentAt(),
                row.consentGivenBy(),
                row.consentRecordedBy(),
                store.careTeam(tenant, row.id()),
                row.createdAt(),
                row.updatedAt());
    }

    private static ClinicalFields fields(PatientCommand command) {
        return new ClinicalFields(
                command.birthDate(),
                blankToNull(command.emergencyContactName()),
                blankToNull(command.emergencyContactPhone()),
                command.consentGiven(),
                blankToNull(command.consentGivenBy()));
    }

    private static Map<String, Object> summary(PatientView patient) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put(
                "birth_date",
                patient.birthDate() == null ? null : patient.birthDate().toString());
        summary.put("emergency_contact_name", patient.emergencyContactName());
        summary.put("emergency_contact_phone", patient.emergencyContactPhone());
        summary.put("consent_given", patient.consentGiven());
        summary.put("consent_given_by", patient.consentGivenBy());
        summary.put("care_team", ids(patient.careTeam()));
        return summary;
    }

    private static List<String> ids(List<UUID> ids) {
        return new ArrayList<>(ids.stream().map(UUID::toString).toList());
    }

    private void recordRead(Actor caller, UUID patientId, Map<String, ?> what) {
        record(caller, "READ", patientId, what);
    }

    private void record(Actor caller, String action, UUID patientId, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "patient", patientId.toString(), summary));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
