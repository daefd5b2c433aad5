-- What a clinic adds to a person of the registry. A patient's id IS the customer's id: contact data
-- and the document stay in customers, never copied here.
CREATE TABLE clinical_patients (
    id                      UUID PRIMARY KEY,
    tenant_id               UUID        NOT NULL REFERENCES tenants (id),
    birth_date              DATE,
    emergency_contact_name  TEXT        CHECK (length(emergency_contact_name) BETWEEN 1 AND 200),
    emergency_contact_phone TEXT        CHECK (emergency_contact_phone ~ '^\+[1-9][0-9]{7,14}$'),
    consent_given           BOOLEAN     NOT NULL DEFAULT FALSE,
    -- When the consent was last given or withdrawn, by whom (the patient or a guardian) and which
    -- user recorded it.
    consent_at              TIMESTAMPTZ,
    consent_given_by        TEXT        CHECK (length(consent_given_by) BETWEEN 1 AND 200),
    consent_recorded_by     UUID,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT clinical_patients_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT clinical_patients_customer_fk FOREIGN KEY (tenant_id, id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX clinical_patients_tenant_created_idx ON clinical_patients (tenant_id, created_at DESC, id);

CALL turno_isolate('clinical_patients');

-- The therapists (sign-in users) who treat a patient: they, the patient and administrators read the
-- patient's diagnoses. Filled by reception and by booked appointments.
CREATE TABLE clinical_care_team (
    tenant_id         UUID        NOT NULL REFERENCES tenants (id),
    patient_id        UUID        NOT NULL,
    therapist_user_id UUID        NOT NULL REFERENCES users (id),
    added_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, patient_id, therapist_user_id),
    CONSTRAINT clinical_care_team_patient_fk FOREIGN KEY (tenant_id, patient_id)
        REFERENCES clinical_patients (tenant_id, id)
);
-- "Is this therapist treating this patient?" is the primary key; "whom does this therapist treat?":
CREATE INDEX clinical_care_team_therapist_idx ON clinical_care_team (tenant_id, therapist_user_id);

CALL turno_isolate('clinical_care_team');

-- A medical record is appended to, never edited: a correction is a new diagnosis.
CREATE TABLE clinical_diagnoses (
    id             UUID PRIMARY KEY,
    tenant_id      UUID        NOT NULL REFERENCES tenants (id),
    patient_id     UUID        NOT NULL,
    diagnosis      TEXT        NOT NULL CHECK (length(diagnosis) BETWEEN 1 AND 300),
    icd10_code     TEXT        CHECK (icd10_code ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$'),
    description    TEXT        NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
    treatment_plan TEXT        NOT NULL CHECK (length(treatment_plan) BETWEEN 1 AND 5000),
    author_id      UUID        NOT NULL,
    author_name    TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT clinical_diagnoses_tenant_id_uq UNIQUE (tenant_id, id),
    CONSTRAINT clinical_diagnoses_patient_fk FOREIGN KEY (tenant_id, patient_id)
        REFERENCES clinical_patients (tenant_id, id)
);
CREATE INDEX clinical_diagnoses_patient_idx ON clinical_diagnoses (tenant_id, patient_id, created_at DESC);

CALL turno_isolate('clinical_diagnoses');
