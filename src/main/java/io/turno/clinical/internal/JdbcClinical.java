package io.turno.clinical.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.turno.clinical.DiagnosisView;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The clinic's rows; every statement is tenant-scoped. */
@Repository
class JdbcClinical {

    /** A clinical_patients row, without the registry's part. */
    record PatientRow(
            UUID id,
            LocalDate birthDate,
            String emergencyContactName,
            String emergencyContactPhone,
            boolean consentGiven,
            Instant consentAt,
            String consentGivenBy,
            UUID consentRecordedBy,
            Instant createdAt,
            Instant updatedAt) {}

    /** The clinical fields as a command sets them. */
    record ClinicalFields(
            LocalDate birthDate,
            String emergencyContactName,
            String emergencyContactPhone,
            boolean consentGiven,
            String consentGivenBy) {}

    private static final String PATIENT = """
            SELECT id, birth_date, emergency_contact_name, emergency_contact_phone, consent_given, consent_at,
                   consent_given_by, consent_recorded_by, created_at, updated_at
            FROM clinical_patients
            """;

    private final JdbcClient jdbc;

    JdbcClinical(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PatientRow> find(TenantId tenant, UUID id) {
        return jdbc.sql(PATIENT + " WHERE tenant_id = :t AND id = :id")
                .param("t", tenant.value())
                .param("id", id)
                .query(JdbcClinical::patient)
                .optional();
    }

    List<PatientRow> page(TenantId tenant, int page, int size) {
        return jdbc.sql(PATIENT + " WHERE tenant_id = :t ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("t", tenant.value())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(JdbcClinical::patient)
                .list();
    }

    long count(TenantId tenant) {
        return jdbc.sql("SELECT count(*) FROM clinical_patients WHERE tenant_id = :t")
                .param("t", tenant.value())
                .query(Long.class)
                .single();
    }

    /** Inserts the patient; false when the customer already has a patient record. */
    boolean insert(TenantId tenant, UUID id, ClinicalFields fields, UUID recordedBy) {
        return jdbc.sql("""
                INSERT INTO clinical_patients (id, tenant_id, birth_date, emergency_contact_name, emergency_contact_phone,
                                               consent_given, consent_at, consent_given_by, consent_recorded_by)
                VALUES (:id, :t, :birth, :ecName, :ecPhone, :consent, CASE WHEN :consent THEN now() END,
                        CASE WHEN :consent THEN CAST(:givenBy AS text) END, CASE WHEN :consent THEN CAST(:by AS uuid) END)
                ON CONFLICT (id) DO NOTHING
                """)
                        .param("id", id)
                        .param("t", tenant.value())
                        .param("birth", date(fields.birthDate()))
                        .param("ecName", fields.emergencyContactName())
                        .param("ecPhone", fields.emergencyContactPhone())
                        .param("consent", fields.consentGiven())
                        .param("givenBy", fields.consentGivenBy())
                        .param("by", recordedBy)
                        .update()
                == 1;
    }

    /** Replaces the clinical fields; the consent's moment and recorder change only when the consent does. */
    void update(TenantId tenant, UUID id, ClinicalFields fields, UUID recordedBy) {
        jdbc.sql("""
                UPDATE clinical_patients
                SET birth_date = :birth, emergency_contact_name = :ecName, emergency_contact_phone = :ecPhone,
                    consent_at = CASE WHEN consent_given <> :consent THEN now() ELSE consent_at END,
                    consent_recorded_by = CASE WHEN consent_given <> :consent THEN CAST(:by AS uuid)
                                               ELSE consent_recorded_by END,
                    consent_given_by = CAST(:givenBy AS text),
                    consent_given = :consent, updated_at = now()
                WHERE tenant_id = :t AND id = :id
                """)
                .param("id", id)
                .param("t", tenant.value())
                .param("birth", date(fields.birthDate()))
                .param("ecName", fields.emergencyContactName())
                .param("ecPhone", fields.emergencyContactPhone())
                .param("consent", fields.consentGiven())
                .param("givenBy", fields.consentGivenBy())
                .param("by", recordedBy)
                .update();
    }

    /** A bare patient record for a customer who has none yet (a booking brings them to the clinic). */
    void ensure(TenantId tenant, UUID id) {
        jdbc.sql("INSERT INTO clinical_patients (id, tenant_id) VALUES (:id, :t) ON CONFLICT (id) DO NOTHING")
                .param("id", id)
                .param("t", tenant.value())
                .update();
    }

    List<UUID> careTeam(TenantId tenant, UUID patientId) {
        return jdbc.sql("""
                SELECT therapist_user_id FROM clinical_care_team WHERE tenant_id = :t AND patient_id = :p
                ORDER BY added_at, therapist_user_id""")
                .param("t", tenant.value())
                .param("p", patientId)
                .query(UUID.class)
                .list();
    }

    boolean inCareTeam(TenantId tenant, UUID patientId, UUID userId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM clinical_care_team
                               WHERE tenant_id = :t AND patient_id = :p AND therapist_user_id = :u)""")
                .param("t", tenant.value())
                .param("p", patientId)
                .param("u", userId)
                .query(Boolean.class)
                .single();
    }

    boolean addToCareTeam(TenantId tenant, UUID patientId, UUID userId) {
        return jdbc.sql("""
                INSERT INTO clinical_care_team (tenant_id, patient_id, therapist_user_id) VALUES (:t, :p, :u)
                ON CONFLICT DO NOTHING""")
                        .param("t", tenant.value())
                        .param("p", patientId)
                        .param("u", userId)
                        .update()
                == 1;
    }

    void removeFromCareTeam(TenantId tenant, UUID patientId, UUID userId) {
        jdbc.sql("DELETE FROM clinical_care_team WHERE tenant_id = :t AND patient_id = :p AND therapist_user_id = :u")
                .param("t", tenant.value())
                .param("p", patientId)
                .param("u", userId)
                .update();
    }

    void insertDiagnosis(TenantId tenant, DiagnosisView d) {
        jdbc.sql("""
                INSERT INTO clinical_diagnoses (id, tenant_id, patient_id, diagnosis, icd10_code, description,
                                                treatment_plan, author_id, author_name, created_at)
                VALUES (:id, :t, :p, :diagnosis, :icd, :description, :plan, :author, :authorName, :at)""")
                .param("id", d.id())
                .param("t", tenant.value())
                .param("p", d.patientId())
                .param("diagnosis", d.diagnosis())
                .param("icd", d.icd10Code())
                .param("description", d.description())
                .param("plan", d.treatmentPlan())
                .param("author", d.authorId())
                .param("authorName", d.authorName())
                .param("at", Timestamp.from(d.createdAt()))
                .update();
    }

    List<DiagnosisView> diagnoses(TenantId tenant, UUID patientId) {
        return jdbc.sql("""
                SELECT id, patient_id, diagnosis, icd10_code, description, treatment_plan, author_id, author_name,
                       created_at
                FROM clinical_diagnoses WHERE tenant_id = :t AND patient_id = :p ORDER BY created_at DESC, id""")
                .param("t", tenant.value())
                .param("p", patientId)
                .query((rs, n) -> new DiagnosisView(
                        rs.getObject("id", UUID.class),
                        rs.getObject("patient_id", UUID.class),
                        rs.getString("diagnosis"),
                        rs.getString("icd10_code"),
                        rs.getString("description"),
                        rs.getString("treatment_plan"),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("author_name"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static PatientRow patient(ResultSet rs, int row) throws SQLException {
        Date birth = rs.getDate("birth_date");
        Timestamp consentAt = rs.getTimestamp("consent_at");
        return new PatientRow(
                rs.getObject("id", UUID.class),
                birth == null ? null : birth.toLocalDate(),
                rs.getString("emergency_contact_name"),
                rs.getString("emergency_contact_phone"),
                rs.getBoolean("consent_given"),
                consentAt == null ? null : consentAt.toInstant(),
                rs.getString("consent_given_by"),
                rs.getObject("consent_recorded_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
