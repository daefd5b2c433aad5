package io.turno.clinical.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.clinical.DiagnosisView;
import io.turno.clinical.PatientView;
import io.turno.clinical.internal.ClinicalPermissions;
import io.turno.clinical.internal.ClinicalService;
import io.turno.clinical.web.PatientsApi.DiagnosisRequest;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.shared.BusinessException;
import io.turno.shared.PageResult;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Patients as pages: the list, and one patient's record with their diagnoses (shown, and audited as
 * read, only to those the record answers) and the form a treating therapist adds one with.
 */
@Controller
@RequestMapping("/clinical")
class PatientPages {

    static final String PATH = "/clinical/patients";
    private static final int SIZE = 25;

    /** What the diagnosis form sends; the API's rules apply to it. */
    public static class DiagnosisForm {

        private String diagnosis;
        private String icd10Code;
        private String description;
        private String treatmentPlan;

        public String getDiagnosis() {
            return diagnosis;
        }

        public void setDiagnosis(String diagnosis) {
            this.diagnosis = diagnosis;
        }

        public String getIcd10Code() {
            return icd10Code;
        }

        public void setIcd10Code(String icd10Code) {
            this.icd10Code = icd10Code;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public String getTreatmentPlan() {
            return treatmentPlan;
        }

        public void setTreatmentPlan(String treatmentPlan) {
            this.treatmentPlan = treatmentPlan;
        }
    }

    @Bean
    static NavigationEntry patientsNavigation() {
        return new NavigationEntry(NavigationSection.CLINIC, "nav.patients", PATH, ClinicalPermissions.READ, 20);
    }

    @Bean
    static NavigationEntry myRecordNavigation() {
        return new NavigationEntry(
                NavigationSection.ACCOUNT, "nav.myRecord", "/clinical/me", ClinicalPermissions.SELF, 30);
    }

    private final ClinicalService clinical;
    private final Customers customers;
    private final Validator validator;

    PatientPages(ClinicalService clinical, Customers customers, Validator validator) {
        this.clinical = clinical;
        this.customers = customers;
        this.validator = validator;
    }

    /** A line of the list: a patient, or a person of the registry the clinic has no record of yet. */
    record PatientLine(
            UUID id,
            String name,
            String document,
            String phone,
            LocalDate birthDate,
            boolean consent,
            boolean record) {}

    /**
     * The patients, newest first; with {@code q}, the people of the registry whose name, document,
     * email or phone contains it, each with their record if the clinic has one.
     */
    @GetMapping("/patients")
    @PreAuthorize("hasAuthority('clinical:read')")
    String list(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String text = q == null || q.isBlank() ? null : q.strip();
        PageResult<PatientLine> result;
        if (text == null) {
            result = clinical.list(caller, Math.max(0, page), SIZE).map(PatientPages::line);
        } else {
            result = customers
                    .search(caller.tenantId(), text, Math.max(0, page), SIZE)
                    .map(person -> clinical.findPatient(caller.tenantId(), person.id())
                            .map(PatientPages::line)
                            .orElseGet(() -> new PatientLine(
                                    person.id(),
                                    person.fullName(),
                                    person.document(),
                                    person.phone(),
                                    null,
                                    false,
                                    false)));
        }
        model.addAttribute("q", text);
        model.addAttribute("result", result);
        return "clinical/patients";
    }

    private static PatientLine line(PatientView p) {
        return new PatientLine(
                p.id(),
                p.customer().fullName(),
                p.customer().document(),
                p.customer().phone(),
                p.birthDate(),
                p.consentGiven(),
                true);
    }

    @GetMapping("/patients/{id}")
    @PreAuthorize("hasAuthority('clinical:read')")
    String record(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        return record(caller, clinical.get(caller, id), new DiagnosisForm(), model);
    }

    @GetMapping("/me")
    @PreAuthorize("hasAuthority('clinical:self')")
    String mine(@AuthenticationPrincipal CurrentUser caller, Model model) {
        var mine = clinical.findMine(caller);
        if (mine.isEmpty()) {
            return "clinical/no-record";
        }
        return record(caller, mine.get(), new DiagnosisForm(), model);
    }

    @PostMapping("/patients/{id}/diagnoses")
    @PreAuthorize("hasAuthority('clinical:diagnose')")
    String diagnose(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("form") DiagnosisForm form,
            BindingResult binding,
            Model model) {
        var request = new DiagnosisRequest(
                id, form.getDiagnosis(), form.getIcd10Code(), form.getDescription(), form.getTreatmentPlan());
        if (!FormErrors.validate(validator, request, binding)) {
            try {
                clinical.diagnose(caller, request.command());
                return "redirect:" + PATH + "/" + id + "?saved";
            } catch (BusinessException refused) {
                if (refused.status().value() == 404) {
                    throw refused;
                }
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return record(caller, clinical.get(caller, id), form, model);
    }

    private String record(CurrentUser caller, PatientView patient, DiagnosisForm form, Model model) {
        boolean readable = caller.can(ClinicalPermissions.RECORDS) && clinical.mayReadRecord(caller, patient.id());
        List<DiagnosisView> diagnoses = readable ? clinical.diagnoses(caller, patient.id()) : List.of();
        model.addAttribute("patient", patient);
        model.addAttribute("readable", readable);
        model.addAttribute("diagnoses", diagnoses);
        model.addAttribute("canDiagnose", readable && caller.can(ClinicalPermissions.DIAGNOSE));
        model.addAttribute("form", form);
        return "clinical/patient";
    }
}
