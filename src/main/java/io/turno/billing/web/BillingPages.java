package io.turno.billing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.turno.billing.PaymentMethod;
import io.turno.billing.Payments.ChargeResult;
import io.turno.billing.internal.BillingFailures.BillingFailure;
import io.turno.billing.internal.BillingPermissions;
import io.turno.billing.internal.BillingReports;
import io.turno.billing.internal.BillingService;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
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

    BillingPages(BillingService billing, BillingReports reports, Customers customers, Validator validator) {
        this.billing = billing;
        this.reports = reports;
        this.customers = customers;
        this.validator = validator;
    }

    @GetMapping("/payments")
    @PreAuthorize("hasAuthority('billing:read')")
    String payments(@AuthenticationPrincipal Actor caller, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("result", billing.list(caller, null, null, Math.max(0, page), SIZE));
        return "billing/payments";
    }

    @GetMapping("/payments/new")
    @PreAuthorize("hasAuthority('billing:create')")
    String paymentForm(@AuthenticationPrincipal Actor caller, Model model) {
        return paymentForm(caller, model, new PaymentForm());
    }

    @PostMapping("/payments")
    @PreAuthorize("hasAuthority('billing:create')")
    String pay(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") PaymentForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var type = DocumentType.parse(form.getDocumentType());
        var customer = type.flatMap(t -> customers.findByDocument(caller.tenantId(), t, form.getDocumentNumber()));
        if (customer.isEmpty()) {
            FormErrors.reject(binding, "document_number", "No hay un cliente registrado con ese documento.");
        }
        UUID appointment = null;
        if (form.getAppointmentId() != null && !form.getAppointmentId().isBlank()) {
            try {
                appointment = UUID.fromString(form.getAppointmentId().strip());
            } catch (IllegalArgumentException e) {
                FormErrors.reject(binding, "appointment_id", "No es un identificador de cita.");
            }
        }
        BigDecimal amount = null;
        try {
            amount = form.getAmount() == null || form.getAmount().isBlank()
                    ? null
                    : new BigDecimal(form.getAmount().strip());
        } catch (NumberFormatException e) {
            FormErrors.reject(binding, "amount", "Escribe el valor con punto decimal, p. ej. 45000.00.");
        }
        if (!binding.hasErrors()) {
            var request = new BillingApi.PaymentRequest(
                    appointment,
                    customer.get().id(),
                    form.getConcept(),
                    form.getMethod(),
                    amount,
                    null,
                    blankToNull(form.getTill()),
                    blankToNull(form.getReference()),
                    null,
                    null);
            if (!FormErrors.validate(validator, request, binding)) {
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
        model.addAttribute("open", billing.sessions(caller, true, null, 0, 50).items());
        model.addAttribute(
                "recent", billing.sessions(caller, false, null, 0, 10).items());
        return "billing/cash";
    }

    @PostMapping("/cash/open")
    @PreAuthorize("hasAuthority('billing:cash')")
    String open(
            @AuthenticationPrincipal Actor caller,
            @RequestParam String till,
            @RequestParam String openingBalance,
            RedirectAttributes redirect) {
        if (till == null || till.isBlank() || till.strip().length() > 60) {
            redirect.addFlashAttribute("error", "Indica el nombre de la caja (hasta 60 caracteres).");
            return "redirect:/billing/cash";
        }
        try {
            billing.open(caller, till, decimal(openingBalance), null);
        } catch (BusinessException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/billing/cash";
    }

    @PostMapping("/cash/{id}/close")
    @PreAuthorize("hasAuthority('billing:cash')")
    String close(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam String countedCash,
            @RequestParam(required = false) String notes,
            RedirectAttributes redirect) {
        try {
            billing.close(caller, id, decimal(countedCash), notes);
        } catch (BusinessException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/billing/cash";
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

    /** An amount as a person types it; what is not a number is refused like a missing one (422 on the field). */
    private static BigDecimal decimal(String value) {
        try {
            return value == null || value.isBlank()
                    ? null
                    : new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
