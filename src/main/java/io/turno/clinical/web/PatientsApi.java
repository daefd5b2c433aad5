package io.turno.clinical.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.clinical.DiagnosisView;
import io.turno.clinical.PatientView;
import io.turno.clinical.internal.ClinicalService;
import io.turno.clinical.internal.ClinicalService.DiagnosisCommand;
import io.turno.clinical.internal.ClinicalService.PatientCommand;
import io.turno.customers.NewCustomer;
import io.turno.identity.CurrentUser;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
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
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(
        name = "clinical",
        description = "Patients (people of the registry with what a clinic adds), care teams and diagnoses")
class PatientsApi {

    static final String E164 = "\\+[1-9][0-9]{7,14}";

    /**
     * A patient: {@code customer_id} of a registered person, or {@code customer} to register (or
     * find by document) in the registry. On update, {@code customer_id}/{@code customer} are ignored.
     */
    record PatientRequest(
            @Schema(description = "An existing customer; or give `customer`")
            UUID customerId,

            @Valid @Schema(description = "The person, registered in the customers registry when new")
            NewCustomer customer,

            @Past LocalDate birthDate,
            @Size(max = 200) String emergencyContactName,

            @Pattern(regexp = E164, message = "{validation.phone}")
            String emergencyContactPhone,

            @Schema(description = "Clinical consent given (default false)")
            Boolean consentGiven,

            @Schema(description = "Who gave the consent: the patient or their guardian") @Size(max = 200)
            String consentGivenBy,

            @Schema(description = "The patient's own PATIENT sign-in account, linked to their registry record")
            UUID userId) {

        PatientCommand command() {
            return new PatientCommand(
                    customerId,
                    customer,
                    birthDate,
                    emergencyContactName,
                    emergencyContactPhone,
                    Boolean.TRUE.equals(consentGiven),
                    consentGivenBy,
                    userId);
        }
    }

    record CareTeamRequest(@NotNull @Size(max = 50) List<@NotNull UUID> therapistIds) {}

    /** The ICD-10 code is compared upper case: {@code m54.5} is {@code M54.5}. */
    record DiagnosisRequest(
            @NotNull UUID patientId,
            @NotBlank @Size(max = 300) String diagnosis,

            @Schema(
                    description = "ICD-10: a letter, two digits or letters, optionally a dot and 1-4 more",
                    example = "M54.5")
            // Checked after the constructor strips and upper-cases it; the pattern also says, for the
            // API document, what a client may send: any case, blank for none.
            @Pattern(
                    regexp = "\\s*([A-Za-z][0-9][0-9A-Za-z](\\.[0-9A-Za-z]{1,4})?)?\\s*",
                    message = "{validation.icd10}")
            String icd10Code,

            @NotBlank @Size(max = 5000) String description,
            @NotBlank @Size(max = 5000) String treatmentPlan) {

        DiagnosisRequest {
            icd10Code = icd10Code == null || icd10Code.isBlank()
                    ? null
                    : icd10Code.strip().toUpperCase(Locale.ROOT);
        }

        DiagnosisCommand command() {
            return new DiagnosisCommand(patientId, diagnosis, icd10Code, description, treatmentPlan);
        }
    }

    private final ClinicalService clinical;

    PatientsApi(ClinicalService clinical) {
        this.clinical = clinical;
    }

    @GetMapping("/patients")
    @PreAuthorize("hasAuthority('clinical:read')")
    @Operation(summary = "Patients, newest first (profiles only: diagnoses are read one patient at a time)")
    PageResult<PatientView> list(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return clinical.list(caller, page, size);
    }

    @PostMapping(path = "/patients", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('clinical:create')")
    @Operation(summary = "Open a patient record for a person of the registry (by customer_id, or registering customer)")
    PatientView create(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody PatientRequest request) {
        return clinical.create(caller, request.command());
    }

    @GetMapping("/patients/me")
    @PreAuthorize("hasAuthority('clinical:self')")
    @Operation(summary = "The signed-in patient's own record (audited as a read)")
    PatientView mine(@AuthenticationPrincipal CurrentUser caller) {
        return clinical.mine(caller);
    }

    @GetMapping("/patients/{id}")
    @PreAuthorize("hasAuthority('clinical:read')")
    @Operation(summary = "One patient's profile (audited as a read)")
    PatientView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return clinical.get(caller, id);
    }

    @PutMapping(path = "/patients/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('clinical:update')")
    @Operation(summary = "Replace the clinical fields; contact data is changed in /api/v1/customers")
    PatientView update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody PatientRequest request) {
        return clinical.update(caller, id, request.command());
    }

    @PutMapping(path = "/patients/{id}/care-team", consumes = "application/json")
    @PreAuthorize("hasAuthority('clinical:care_team')")
    @Operation(summary = "Set the therapists (user ids) who treat the patient and read their diagnoses")
    PatientView careTeam(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @Valid @RequestBody CareTeamRequest request) {
        return clinical.setCareTeam(caller, id, request.therapistIds());
    }

    @GetMapping("/patients/{id}/diagnoses")
    @PreAuthorize("hasAuthority('clinical:records')")
    @Operation(
            summary = "The patient's diagnoses, newest first: for their care team, themself and clinical:records_all "
                    + "(404 for anyone else); every read is audited")
    List<DiagnosisView> diagnoses(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
        return clinical.diagnoses(caller, id);
    }

    @PostMapping(path = "/diagnoses", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('clinical:diagnose')")
    @Operation(summary = "A therapist of the patient's care team records a diagnosis and treatment plan")
    DiagnosisView diagnose(@AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody DiagnosisRequest request) {
        return clinical.diagnose(caller, request.command());
    }
}
