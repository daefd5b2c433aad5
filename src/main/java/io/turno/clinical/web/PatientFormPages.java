package io.turno.clinical.web;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.turno.clinical.PatientView;
import io.turno.clinical.internal.ClinicalPermissions;
import io.turno.clinical.internal.ClinicalService;
import io.turno.clinical.internal.ClinicalService.PatientCommand;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.customers.NewCustomer;
import io.turno.identity.CurrentUser;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reception registers and edits a patient on one form: the person as the registry keeps them
 * (document, name, phone, email, WhatsApp consent) and what the clinic adds (birth date, emergency
 * contact, clinical consent). A document the organization already has is refused on its field,
 * with a link to that person, before anything is written. Opened from the booking form, a new
 * patient goes back to booking with their document filled in.
 */
@Controller
@RequestMapping("/clinical/patients")
class PatientFormPages {

    private static final String FORM = "clinical/patient-form";

    @Bean
    static NavigationEntry newPatientNavigation() {
        return new NavigationEntry(
                NavigationSection.CLINIC, "nav.newPatient", PatientPages.PATH + "/new", ClinicalPermissions.CREATE, 25);
    }

    private final ClinicalService clinical;
    private final Customers customers;
    private final Validator validator;
    private final Notices notices;

    PatientFormPages(ClinicalService clinical, Customers customers, Validator validator, Notices notices) {
        this.notices = notices;
        this.clinical = clinical;
        this.customers = customers;
        this.validator = validator;
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('clinical:create')")
    String newForm(@ModelAttribute("form") PatientForm form, BindingResult binding, Model model) {
        return page(form, null, model);
    }

    @PostMapping("/new")
    @PreAuthorize("hasAuthority('clinical:create')")
    String register(
            @AuthenticationPrincipal CurrentUser caller,
            @ModelAttribute("form") PatientForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var checked = check(caller, form, binding, null, model);
        if (!binding.hasErrors()) {
            try {
                PatientView created = clinical.create(caller, checked.command());
                if (form.isBooking()) {
                    notices.success(
                            redirect,
                            "clinical.patientForm.registered",
                            created.customer().fullName());
                    return "redirect:" + backToBooking(form, created.customer());
                }
                return "redirect:" + PatientPages.PATH + "/" + created.id() + "?registered";
            } catch (BusinessException refused) {
                FormErrors.refuse(binding, refused, null);
            }
        }
        return page(form, null, model);
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize("hasAuthority('clinical:update')")
    String editForm(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        CustomerView person = person(caller, id);
        Optional<PatientView> patient =
                clinical.findPatient(caller.tenantId(), id).map(found -> clinical.get(caller, id));
        return page(PatientForm.of(person, patient.orElse(null)), person, model);
    }

    @PostMapping("/{id}/edit")
    @PreAuthorize("hasAuthority('clinical:update')")
    String edit(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("form") PatientForm form,
            BindingResult binding,
            Model model) {
        CustomerView person = person(caller, id);
        var checked = check(caller, form, binding, id, model);
        if (!binding.hasErrors()) {
            try {
                clinical.edit(caller, id, checked.person(), checked.command());
                return "redirect:" + PatientPages.PATH + "/" + id + "?edited";
            } catch (BusinessException refused) {
                FormErrors.refuse(binding, refused, null);
            }
        }
        return page(form, person, model);
    }

    private record Checked(NewCustomer person, PatientCommand command) {}

    /**
     * Every refusal at once, each on its field: what cannot be read, the registry's rules, the
     * clinic's, then a document another person of the organization already has.
     */
    private Checked check(CurrentUser caller, PatientForm form, BindingResult binding, UUID editing, Model model) {
        LocalDate birthDate = FormErrors.parse(
                binding, "birthDate", form.getBirthDate(), LocalDate::parse, "clinical.patientForm.error.birthDate");
        var person = new NewCustomer(
                form.getDocumentType(),
                form.getDocumentNumber(),
                form.getFullName(),
                blankToNull(form.getPhone()),
                blankToNull(form.getEmail()),
                form.isWhatsappOptIn(),
                null,
                null,
                form.getLanguage());
        FormErrors.validate(validator, person, binding);
        var request = new PatientsApi.PatientRequest(
                editing,
                null,
                birthDate,
                blankToNull(form.getEmergencyContactName()),
                blankToNull(form.getEmergencyContactPhone()),
                form.isConsentGiven(),
                blankToNull(form.getConsentGivenBy()),
                null);
        FormErrors.validate(validator, request, binding);
        var type = DocumentType.parse(form.getDocumentType());
        if (type.isPresent() && !binding.hasFieldErrors("documentNumber")) {
            customers
                    .findByDocument(caller.tenantId(), type.get(), form.getDocumentNumber())
                    .filter(other -> !other.id().equals(editing))
                    .ifPresent(other -> {
                        FormErrors.rejectKey(
                                binding,
                                "documentNumber",
                                "clinical.patientForm.error.duplicate",
                                other.document(),
                                other.fullName());
                        model.addAttribute("existing", other);
                        model.addAttribute(
                                "existingIsPatient",
                                clinical.findPatient(caller.tenantId(), other.id())
                                        .isPresent());
                    });
        }
        // The new person goes with the command; the page's edit passes it to the registry itself.
        var command = new PatientCommand(
                null,
                person,
                birthDate,
                request.emergencyContactName(),
                request.emergencyContactPhone(),
                form.isConsentGiven(),
                request.consentGivenBy(),
                null);
        return new Checked(person, command);
    }

    private String page(PatientForm form, CustomerView editing, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("documentTypes", DocumentType.values());
        return FORM;
    }

    private CustomerView person(CurrentUser caller, UUID id) {
        return customers.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Paciente", id));
    }

    /** The booking form with the new patient's document, and the therapist, service and date it was opened with. */
    private static String backToBooking(PatientForm form, CustomerView patient) {
        var uri = UriComponentsBuilder.fromPath("/appointments/new")
                .queryParam("documentType", patient.documentType().name())
                .queryParam("documentNumber", patient.documentNumber());
        uuid(form.getTherapist()).ifPresent(id -> uri.queryParam("therapist", id));
        uuid(form.getService()).ifPresent(id -> uri.queryParam("service", id));
        try {
            if (form.getDate() != null) {
                uri.queryParam("date", LocalDate.parse(form.getDate().strip()));
            }
        } catch (RuntimeException unreadable) {
            // Not a date: booking opens on today.
        }
        return uri.build().toUriString();
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the form sends; {@code booking} and the booking fields say where a new patient goes next. */
    public static class PatientForm {

        private String documentType = "CC";
        private String documentNumber;
        private String fullName;
        private String phone;
        private String email;
        private boolean whatsappOptIn;
        private String language = "es";
        private String birthDate;
        private String emergencyContactName;
        private String emergencyContactPhone;
        private boolean consentGiven;
        private String consentGivenBy;
        private boolean booking;
        private String therapist;
        private String service;
        private String date;

        static PatientForm of(CustomerView person, PatientView patient) {
            var form = new PatientForm();
            form.documentType = person.documentType().name();
            form.documentNumber = person.documentNumber();
            form.fullName = person.fullName();
            form.phone = person.phone();
            form.email = person.email();
            form.whatsappOptIn = person.whatsappOptIn();
            form.language = person.language();
            if (patient != null) {
                form.birthDate =
                        patient.birthDate() == null ? null : patient.birthDate().toString();
                form.emergencyContactName = patient.emergencyContactName();
                form.emergencyContactPhone = patient.emergencyContactPhone();
                form.consentGiven = patient.consentGiven();
                form.consentGivenBy = patient.consentGivenBy();
            }
            return form;
        }

        public String getDocumentType() {
            return documentType;
        }

        public void setDocumentType(String documentType) {
            this.documentType = documentType;
        }

        public String getDocumentNumber() {
            return documentNumber;
        }

        public void setDocumentNumber(String documentNumber) {
            this.documentNumber = documentNumber;
        }

        public String getFullName() {
            return fullName;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
        }

        public String getPhone() {
            return phone;
        }

        public void setPhone(String phone) {
            this.phone = phone;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public boolean isWhatsappOptIn() {
            return whatsappOptIn;
        }

        public void setWhatsappOptIn(boolean whatsappOptIn) {
            this.whatsappOptIn = whatsappOptIn;
        }

        public String getLanguage() {
            return language;
        }

        public void setLanguage(String language) {
            this.language = language;
        }

        public String getBirthDate() {
            return birthDate;
        }

        public void setBirthDate(String birthDate) {
            this.birthDate = birthDate;
        }

        public String getEmergencyContactName() {
            return emergencyContactName;
        }

        public void setEmergencyContactName(String emergencyContactName) {
            this.emergencyContactName = emergencyContactName;
        }

        public String getEmergencyContactPhone() {
            return emergencyContactPhone;
        }

        public void setEmergencyContactPhone(String emergencyContactPhone) {
            this.emergencyContactPhone = emergencyContactPhone;
        }

        public boolean isConsentGiven() {
            return consentGiven;
        }

        public void setConsentGiven(boolean consentGiven) {
            this.consentGiven = consentGiven;
        }

        public String getConsentGivenBy() {
            return consentGivenBy;
        }

        public void setConsentGivenBy(String consentGivenBy) {
            this.consentGivenBy = consentGivenBy;
        }

        public boolean isBooking() {
            return booking;
        }

        public void setBooking(boolean booking) {
            this.booking = booking;
        }

        public String getTherapist() {
            return therapist;
        }

        public void setTherapist(String therapist) {
            this.therapist = therapist;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }

        public String getDate() {
            return date;
        }

        public void setDate(String date) {
            this.date = date;
        }
    }
}
