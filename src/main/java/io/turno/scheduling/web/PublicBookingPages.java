package io.turno.scheduling.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.billing.PaymentMethod;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.customers.NewCustomer;
import io.turno.identity.CurrentUser;
import io.turno.identity.PatientAccounts;
import io.turno.identity.TenantDirectory;
import io.turno.identity.TenantDirectory.TenantSummary;
import io.turno.scheduling.internal.AppointmentBooking.BookCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.scheduling.internal.PractitionerService;
import io.turno.scheduling.internal.PractitionerView;
import io.turno.scheduling.internal.Reservations;
import io.turno.scheduling.internal.Reservations.ReserveCommand;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.TenantScope;
import io.turno.web.FormErrors;
import io.turno.web.Notices;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organization's public booking page (seed 004), {@code /<organization>/reservar}: its bookable
 * services with price and length, then a day's free times of each practitioner giving the chosen
 * one; a time leads to signing in or opening an account (where the organization allows it), and
 * then to paying it through the organization's card provider ({@link Reservations}). The
 * confirmation email follows from the booking, as for every reservation.
 */
@Controller
class PublicBookingPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** The chosen time, carried from page to page. */
    public static class Choice {

        private UUID service;
        private UUID therapist;
        private String start;

        public UUID getService() {
            return service;
        }

        public void setService(UUID service) {
            this.service = service;
        }

        public UUID getTherapist() {
            return therapist;
        }

        public void setTherapist(UUID therapist) {
            this.therapist = therapist;
        }

        public String getStart() {
            return start;
        }

        public void setStart(String start) {
            this.start = start;
        }
    }

    /** A new patient: who they are for the registry, and their account. Passwords are never sent back. */
    public static class AccountForm extends Choice {

        private String fullName;
        private String documentType = "CC";
        private String documentNumber;
        private String email;
        private String phone;
        private String username;
        private String password;
        private String confirm;

        public String getFullName() {
            return fullName;
        }

        public void setFullName(String fullName) {
            this.fullName = fullName;
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

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getPhone() {
            return phone;
        }

        public void setPhone(String phone) {
            this.phone = phone;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getConfirm() {
            return confirm;
        }

        public void setConfirm(String confirm) {
            this.confirm = confirm;
        }
    }

    /** Paying: the card as the provider's form tokenized it, and a key so that a second click never charges twice. */
    public static class PayForm extends Choice {

        private String cardToken;
        private String idempotencyKey;

        public String getCardToken() {
            return cardToken;
        }

        public void setCardToken(String cardToken) {
            this.cardToken = cardToken;
        }

        public String getIdempotencyKey() {
            return idempotencyKey;
        }

        public void setIdempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
        }
    }

    /** One practitioner's free times of the day. */
    record PractitionerSlots(PractitionerView practitioner, List<Map<String, String>> slots) {}

    /** What the chosen time is, in words. */
    record Summary(ServiceView service, String therapist, OffsetDateTime start, String time) {}

    private final TenantDirectory tenants;
    private final ServiceCatalog catalog;
    private final PractitionerService practitioners;
    private final AppointmentQueries appointments;
    private final Reservations reservations;
    private final Customers customers;
    private final PatientAccounts accounts;
    private final Validator validator;
    private final MessageSource messages;
    private final Notices notices;

    PublicBookingPages(
            TenantDirectory tenants,
            ServiceCatalog catalog,
            PractitionerService practitioners,
            AppointmentQueries appointments,
            Reservations reservations,
            Customers customers,
            PatientAccounts accounts,
            Validator validator,
            MessageSource messages,
            Notices notices) {
        this.notices = notices;
        this.tenants = tenants;
        this.catalog = catalog;
        this.practitioners = practitioners;
        this.appointments = appointments;
        this.reservations = reservations;
        this.customers = customers;
        this.accounts = accounts;
        this.validator = validator;
        this.messages = messages;
    }

    @PermitAll
    @GetMapping("/{tenant}/reservar")
    String services(
            @PathVariable String tenant,
            @RequestParam(required = false) UUID service,
            @RequestParam(required = false) LocalDate date,
            @AuthenticationPrincipal CurrentUser caller,
            Model model) {
        TenantSummary organization = organization(tenant);
        return TenantScope.call(organization.id(), () -> {
            var offered = bookable(organization);
            var chosen = offered.stream()
                    .filter(s -> s.id().equals(service))
                    .findFirst()
                    .orElse(null);
            LocalDate today = LocalDate.now(organization.timeZone());
            LocalDate day = date == null || date.isBefore(today) ? today : date;
            model.addAttribute("organization", organization);
            model.addAttribute("services", offered);
            model.addAttribute("chosen", chosen);
            model.addAttribute("date", day);
            model.addAttribute("today", today);
            model.addAttribute("previous", day.isAfter(today) ? day.minusDays(1) : null);
            model.addAttribute("next", day.plusDays(1));
            model.addAttribute("signedIn", signedInHere(caller, organization));
            var free = new ArrayList<PractitionerSlots>();
            if (chosen != null) {
                for (var practitioner : practitioners
                        .list(organization.id(), chosen.id(), true, 0, 50)
                        .items()) {
                    var slots =
                            appointments
                                    .available(organization.id(), practitioner.id(), chosen.id(), day, day)
                                    .slots()
                                    .stream()
                                    .map(s -> Map.of(
                                            "value",
                                            s.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                                            "label",
                                            s.start().format(TIME)))
                                    .toList();
                    free.add(new PractitionerSlots(practitioner, slots));
                }
            }
            model.addAttribute("practitioners", free);
            return "scheduling/reserve";
        });
    }

    @PermitAll
    @GetMapping("/{tenant}/reservar/cuenta")
    String accountForm(
            @PathVariable String tenant,
            @ModelAttribute("account") AccountForm form,
            BindingResult binding,
            @AuthenticationPrincipal CurrentUser caller,
            Model model) {
        TenantSummary organization = organization(tenant);
        if (signedInHere(caller, organization)) {
            return "redirect:" + payAddress(organization, form);
        }
        return accountPage(organization, form, model);
    }

    /** Every refusal at once, next to its field; then the account, signed in, and on to paying. */
    @PermitAll
    @PostMapping("/{tenant}/reservar/cuenta")
    String register(
            @PathVariable String tenant,
            @ModelAttribute("account") AccountForm form,
            BindingResult binding,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        TenantSummary organization = organization(tenant);
        if (!TenantScope.call(organization.id(), () -> accounts.registrationOpen(organization.id()))) {
            return accountPage(organization, form, model);
        }
        var person = new NewCustomer(
                form.getDocumentType(),
                trim(form.getDocumentNumber()),
                trim(form.getFullName()),
                trim(form.getPhone()),
                trim(form.getEmail()),
                false,
                null,
                true);
        FormErrors.validate(validator, person, binding);
        if (trim(form.getEmail()) == null) {
            FormErrors.rejectKey(binding, "email", "jakarta.validation.constraints.NotBlank.message");
        }
        String username = trim(form.getUsername());
        if (username == null || username.length() < 3 || username.length() > 64) {
            FormErrors.rejectKey(binding, "username", "patient.register.error.username");
        }
        var patient = new PatientAccounts.NewPatient(
                username, trim(form.getFullName()), trim(form.getEmail()), form.getPassword());
        accounts.refusals(organization.id(), patient)
                .forEach((field, key) -> FormErrors.rejectKey(binding, field, key, username));
        if (form.getPassword() != null && !form.getPassword().equals(form.getConfirm())) {
            FormErrors.rejectKey(binding, "confirm", "profile.password.mismatch");
        }
        var type = DocumentType.parse(form.getDocumentType());
        if (type.isPresent()
                && !binding.hasFieldErrors("documentNumber")
                && TenantScope.call(
                        organization.id(),
                        () -> customers
                                .findByDocument(organization.id(), type.get(), trim(form.getDocumentNumber()))
                                .isPresent())) {
            // Someone of the registry already: their record is not handed to whoever types the number.
            FormErrors.rejectKey(binding, "documentNumber", "patient.register.error.known");
        }
        if (binding.hasErrors()) {
            return accountPage(organization, form, model);
        }
        try {
            CurrentUser user =
                    accounts.registerAndSignIn(organization.id(), organization.slug(), patient, request, response);
            TenantScope.run(organization.id(), () -> {
                var customer = customers.findOrCreate(organization.id(), person, user);
                customers.linkUser(organization.id(), customer.id(), user.userId(), user);
            });
        } catch (BusinessException refused) {
            FormErrors.reject(binding, null, refused.getMessage());
            return accountPage(organization, form, model);
        }
        return "redirect:" + payAddress(organization, form);
    }

    @PreAuthorize("hasAuthority('appointments:reserve')")
    @GetMapping("/{tenant}/reservar/pagar")
    String payForm(
            @PathVariable String tenant,
            @ModelAttribute("pay") PayForm form,
            BindingResult binding,
            @AuthenticationPrincipal CurrentUser caller,
            Model model) {
        TenantSummary organization = ownOrganization(tenant, caller);
        form.setIdempotencyKey(UUID.randomUUID().toString());
        return payPage(organization, caller, form, model);
    }

    @PreAuthorize("hasAuthority('appointments:reserve')")
    @PostMapping("/{tenant}/reservar/pagar")
    String pay(
            @PathVariable String tenant,
            @ModelAttribute("pay") PayForm form,
            BindingResult binding,
            @AuthenticationPrincipal CurrentUser caller,
            Model model,
            RedirectAttributes redirect) {
        TenantSummary organization = ownOrganization(tenant, caller);
        OffsetDateTime start = FormErrors.parse(
                binding, "start", form.getStart(), OffsetDateTime::parse, "scheduling.book.chooseSlot.field");
        if (trim(form.getCardToken()) == null) {
            FormErrors.rejectKey(binding, "cardToken", "patient.pay.error.card");
        }
        var patient = appointments.ownPatient(caller);
        if (patient.isEmpty()) {
            FormErrors.rejectKey(binding, null, "scheduling.mine.unlinked");
        }
        if (!binding.hasErrors()) {
            try {
                var reservation = reservations.reserve(
                        caller,
                        new ReserveCommand(
                                new BookCommand(patient.get(), form.getTherapist(), form.getService(), start, null),
                                PaymentMethod.CARD,
                                trim(form.getCardToken()),
                                trim(form.getIdempotencyKey())));
                notices.success(
                        redirect,
                        "patient.pay.done",
                        reservation.appointment().start().format(TIME),
                        reservation.payment().receiptNumber());
                return "redirect:/my-appointments";
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        form.setCardToken(null);
        return payPage(organization, caller, form, model);
    }

    private String accountPage(TenantSummary organization, AccountForm form, Model model) {
        form.setPassword(null);
        form.setConfirm(null);
        model.addAttribute("organization", organization);
        model.addAttribute("summary", summary(organization, form));
        model.addAttribute(
                "open", TenantScope.call(organization.id(), () -> accounts.registrationOpen(organization.id())));
        model.addAttribute("documentTypes", DocumentType.values());
        model.addAttribute("payAddress", payAddress(organization, form));
        return "scheduling/reserve-account";
    }

    private String payPage(TenantSummary organization, CurrentUser caller, PayForm form, Model model) {
        model.addAttribute("organization", organization);
        model.addAttribute("summary", summary(organization, form));
        return "scheduling/reserve-pay";
    }

    /** The chosen service and time in words, or null when the address names none that exists. */
    private Summary summary(TenantSummary organization, Choice choice) {
        OffsetDateTime start = parse(choice.getStart());
        if (choice.getService() == null || choice.getTherapist() == null || start == null) {
            return null;
        }
        return TenantScope.call(organization.id(), () -> {
            var service = catalog.find(organization.id(), choice.getService())
                    .filter(ServiceView::active)
                    .orElse(null);
            var practitioner =
                    practitioners.find(organization.id(), choice.getTherapist()).orElse(null);
            if (service == null || practitioner == null) {
                return null;
            }
            var local = start.atZoneSameInstant(java.time.ZoneId.of(practitioner.timeZone()));
            return new Summary(service, practitioner.displayName(), local.toOffsetDateTime(), local.format(TIME));
        });
    }

    private List<ServiceView> bookable(TenantSummary organization) {
        return catalog.search(organization.id(), new ServiceQuery(null, true, null, true), 0, 200).items().stream()
                .filter(s -> s.durationMinutes() != null
                        && s.price() != null
                        && s.price().compareTo(BigDecimal.ZERO) > 0)
                .toList();
    }

    private TenantSummary organization(String slug) {
        return tenants.bySlug(slug).filter(TenantSummary::active).orElseThrow(() -> new NotFound("Organización", slug));
    }

    /** Paying is for the organization one is signed in to: another one's address is not found. */
    private TenantSummary ownOrganization(String slug, CurrentUser caller) {
        var organization = organization(slug);
        if (!signedInHere(caller, organization)) {
            throw new NotFound("Organización", slug);
        }
        return organization;
    }

    private static boolean signedInHere(CurrentUser caller, TenantSummary organization) {
        return caller != null && caller.tenantId().equals(organization.id());
    }

    /** Strictly encoded, so a {@code +} of an offset stays a plus. */
    private static String payAddress(TenantSummary organization, Choice choice) {
        return org.springframework.web.util.UriComponentsBuilder.fromUriString(
                        "/{tenant}/reservar/pagar?service={service}&therapist={therapist}&start={start}")
                .encode()
                .buildAndExpand(
                        organization.slug(),
                        choice.getService() == null ? "" : choice.getService(),
                        choice.getTherapist() == null ? "" : choice.getTherapist(),
                        choice.getStart() == null ? "" : choice.getStart())
                .toUriString();
    }

    private static OffsetDateTime parse(String start) {
        try {
            return start == null || start.isBlank() ? null : OffsetDateTime.parse(start.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
