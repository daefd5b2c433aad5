package io.turno.clinical;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One diagnosis of a patient with its treatment plan, as its author wrote it (records are never edited). */
public record DiagnosisView(
        UUID id,
        UUID patientId,
        String diagnosis,
        @Nullable String icd10Code,
        String description,
        String treatmentPlan,
        UUID authorId,
        String authorName,
        Instant createdAt) {}
