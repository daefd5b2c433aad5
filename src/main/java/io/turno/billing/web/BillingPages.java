package io.turno.billing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.billing.PaymentMethod;
import io.turno.billing.Payments.ChargeResult;
import io.turno.billing.internal.BillingFailures.BillingFailure;
import io.turno.billing.internal.BillingPermissions;
import io.turno.billing.internal.BillingReports;
import io.turno.billing.internal.BillingService;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.identity.TenantDirectory;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Billing as pages: payments and the payment form, the till sessions, and the two daily reports. */
@Controller
@RequestMapping("/billing")
class BillingPages {

    private static final int SIZE = 25;

    /** What the payment form sends: the customer by document, as reception knows them. */
    public static class PaymentForm {

        private String documentType = "CC";
        private String documentNumber;
        private String appointmentId;
        private String concept;
        private PaymentMethod method = PaymentMethod.CASH;
        private String amount;
        private String till;
        private String reference;

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

        public String getAppointmentId() {
            return appointmentId;
        }

        public void setAppointmentId(String appointmentId) {
            this.appointmentId = appointmentId;
        }

        public String getConcept() {
            return concept;
        }

        public void setConcept(String concept) {
            this.concept = concept;
        }

        public PaymentMethod getMethod() {
            return method;
        }

        public void setMethod(PaymentMethod method) {
            this.method = method;
        }

        public String getAmount() {
            return amount;
        }

        public void setAmount(String amount) {
            this.amount = amount;
        }

        public String getTill() {
            return till;
        }

        public void setTill(String till) {
            this.till = till;
        }

        public String getReference() {
            return reference;
        }

        public void setReference(String reference) {
            this.reference = reference;
        }
    }

    /** What the open-till form sends. */
    public static class TillForm {

        private String till;
        private String openingBalance;

        public String getTill() {
            return till;
        }

        public void setTill(String till) {
            this.till = till;
        }

        public String getOpeningBalance() {
            return openingBalance;
        }

        public void setOpeningBalance(String openingBalance) {
            this.openingBalance = openingBalance;
        }
    }

    /** What the close form of an open till sends. */
    public static class CloseForm {

        private String countedCash;
        private String notes;

        public String getCountedCash() {
            return countedCash;
        }

        public void setCountedCash(String countedCash) {
            this.countedCash = countedCash;
        }

        public String getNotes() {
            return notes;
        }

        public void setNotes(String notes) {
            this.notes = notes;
        }
    }

    @Bean
    static NavigationEntry paymentsNavigation() {
        return new NavigationEntry(
                NavigationSection.CASH, "nav.payments", "/billing/payments", BillingPermissions.READ, 10);
    }

    @Bean
    static NavigationEntry cashNavigation() {
        return new NavigationEntry(
                NavigationSection.CASH, "nav.menu.tills", "/billing/cash", BillingPermissions.CASH, 20);
    }

    @Bean
    static NavigationEntry billingReportsNavigation() {
        return new NavigationEntry(
                NavigationSection.CASH, "nav.billingReports", "/billing/reports", BillingPermissions.REPORTS, 30);
    }

    private final BillingService billing;
    private final BillingReports reports;
    private final Customers customers;
    private final Validator validator;
    private final TenantDirectory tenants;

    BillingPages(
            BillingService billing,
            BillingReports reports,
            Customers customers,
            Validator validator,
            TenantDirectory tenants) {
        this.billing = billing;
        this.reports = reports;
        this.customers = customers;
        this.validator = validator;
        this.tenants = tenants;
    }

    @GetMapping("/payments")
    @PreAuthorize("hasAuthority('billing:read')")
    String payments(@AuthenticationPrincipal Actor caller, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("result", billing.list(caller, null, null, Math.max(0, page), SIZE));
        return "billing/payments";
    }

    /** The payment form, filled in from the address when a page links it (an appointment's "take payment"). */
    @GetMapping("/payments/new")
    @PreAuthorize("hasAuthority('billing:create')")
    String paymentForm(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") PaymentForm form,
            BindingResult binding,
            Model model) {
        return paymentForm(caller, model, form);
    }

    /** One payment as its printed receipt (the page's print style leaves the menu out). */
    @GetMapping("/payments/{id}/receipt")
    @PreAuthorize("hasAuthority('billing:read')")
    String receipt(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        model.addAttribute("payment", billing.get(caller, id));
        model.addAttribute(
                "organization",
                tenants.summary(caller.tenantId())
                        .map(TenantDirectory.TenantSummary::name)
                        .orElse(""));
        model.addAttribute("pageStyle", "/css/receipt.css");
        model.addAttribute("pageScript", "/js/receipt.js");
        return "billing/receipt";
    }

    /** Every refusal at once, each on its field: what cannot be read, the API's validation, then billing's. */
    @PostMapping("/payments")
    @PreAuthorize("hasAuthority('billing:create')")
    String pay(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") PaymentForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        UUID customer = null;
        var type = DocumentType.parse(form.getDocumentType());
        if (type.isEmpty()) {
            FormErrors.rejectKey(binding, "documentType", "jakarta.validation.constraints.NotNull.message");
        } else if (form.getDocumentNumber() == null || form.getDocumentNumber().isBlank()) {
            FormErrors.rejectKey(binding, "documentNumber", "jakarta.validation.constraints.NotBlank.message");
        } else {
            customer = customers
                    .findByDocument(
                            caller.tenantId(),
                            type.get(),
                            form.getDocumentNumber().strip())
                    .map(c -> c.id())
                    .orElse(null);
            if (customer == null) {
                FormErrors.rejectKey(binding, "documentNumber", "billing.error.unknownCustomer");
            }
        }
        UUID appointment = FormErrors.parse(
                binding, "appointmentId", form.getAppointmentId(), UUID::fromString, "billing.error.appointmentId");
        BigDecimal amount =
                FormErrors.parse(binding, "amount", form.getAmount(), BigDecimal::new, "billing.error.amount");
        var request = new BillingApi.PaymentRequest(
                appointment,
                customer,
                blankToNull(form.getConcept()),
                form.getMethod(),
                amount,
                null,
                blankToNull(form.getTill()),
                blankToNull(form.getReference()),
                null,
                null);
        FormErrors.validate(validator, request, binding, Map.of("customerId", "documentNumber"));
        if (!binding.hasErrors()) {
            try {
                ChargeResult result = billing.take(caller.tenantId(), request.payment(), caller);
                redirect.addFlashAttribute("receipt", result.payment());
                return "redirect:/billing/payments?saved";
            } catch (BillingFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return paymentForm(caller, model, form);
    }

    private String paymentForm(Actor caller, Model model, PaymentForm form) {
        var openTills = billing.sessions(caller, true, null, 0, 50).items();
        if (form.getTill() == null) {
            // A new payment goes to the till the user opened, if any; a resubmitted form keeps its choice.
            openTills.stream()
                    .filter(s -> caller.username().equals(s.openedByName()))
                    .findFirst()
                    .ifPresent(s -> form.setTill(s.till()));
        }
        model.addAttribute("form", form);
        model.addAttribute("methods", PaymentMethod.values());
        model.addAttribute("documentTypes", DocumentType.values());
        model.addAttribute("openTills", openTills);
        return "billing/payment-form";
    }

    @GetMapping("/cash")
    @PreAuthorize("hasAuthority('billing:cash')")
    String cash(@AuthenticationPrincipal Actor caller, Model model) {
        return cashPage(caller, model, new TillForm(), null, new CloseForm());
    }

    @PostMapping("/cash/open")
    @PreAuthorize("hasAuthority('billing:cash')")
    String open(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("opening") TillForm form,
            BindingResult binding,
            Model model) {
        BigDecimal balance = FormErrors.parse(
                binding,
                "openingBalance",
                form.getOpeningBalance(),
                BillingPages::decimal,
                "billing.error.openingBalance");
        var request = new BillingApi.OpenSessionRequest(blankToNull(form.getTill()), balance, null);
        FormErrors.validate(validator, request, binding);
        if (!binding.hasErrors()) {
            try {
                billing.open(caller, request.till(), balance, null);
                return "redirect:/billing/cash";
            } catch (BillingFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return cashPage(caller, model, form, null, new CloseForm());
    }

    @PostMapping("/cash/{id}/close")
    @PreAuthorize("hasAuthority('billing:cash')")
    String close(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("closing") CloseForm form,
            BindingResult binding,
            Model model) {
        BigDecimal counted = FormErrors.parse(
                binding, "countedCash", form.getCountedCash(), BillingPages::decimal, "billing.error.countedCash");
        var request = new BillingApi.CloseSessionRequest(counted, blankToNull(form.getNotes()));
        FormErrors.validate(validator, request, binding);
        if (!binding.hasErrors()) {
            try {
                billing.close(caller, id, counted, request.notes());
                return "redirect:/billing/cash";
            } catch (BillingFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return cashPage(caller, model, new TillForm(), id, form);
    }

    /** The till page; {@code closingId} is the open session whose close form came back refused, if any. */
    private String cashPage(Actor caller, Model model, TillForm opening, UUID closingId, CloseForm closing) {
        model.addAttribute("opening", opening);
        model.addAttribute("closing", closing);
        model.addAttribute("closingId", closingId);
        model.addAttribute("open", billing.sessions(caller, true, null, 0, 50).items());
        model.addAttribute(
                "recent", billing.sessions(caller, false, null, 0, 10).items());
        return "billing/cash";
    }

    @GetMapping("/reports")
    @PreAuthorize("hasAuthority('billing:reports')")
    String reports(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(required = false) List<PaymentMethod> methods,
            Model model) {
        LocalDate day = date != null ? date : reports.today(caller.tenantId());
        model.addAttribute("date", day);
        model.addAttribute("methods", PaymentMethod.values());
        model.addAttribute("chosen", methods == null ? List.of() : methods);
        model.addAttribute("cash", reports.dailyCash(caller, day, methods));
        model.addAttribute("tickets", reports.paidTickets(caller, day));
        return "billing/reports";
    }

    /** An amount as a person types it, thousands separated by commas or not. */
    private static BigDecimal decimal(String value) {
        return new BigDecimal(value.replace(",", ""));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
