package io.turno.notifications.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.notifications.internal.Cases;
import io.turno.notifications.internal.Cases.CaseStatus;
import io.turno.notifications.internal.Cases.CaseView;
import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.NotificationService;
import io.turno.notifications.internal.Templates;
import io.turno.notifications.web.CasesApi.CaseRequest;
import io.turno.notifications.web.CasesApi.PartyRequest;
import io.turno.notifications.web.NotificationsApi.NotificationRequest;
import io.turno.notifications.web.NotificationsApi.RecipientRequest;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import io.turno.web.Notices;
import jakarta.validation.Validator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A case as pages: the form that opens one (with its customer, the party notifications go to), the
 * case with its notifications, and the form on it that sends one to a party of the case. Both forms
 * are checked by the API's own request records, then by the services.
 */
@Controller
class CasePages {

    /** What the new-case form holds: the case and its customer, as typed. */
    public static class CaseForm {

        private String number;
        private String type;
        private String notes;
        private String customerName;
        private String customerEmail;
        private String customerPhone;
        private boolean customerWhatsappOptIn;

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getNotes() {
            return notes;
        }

        public void setNotes(String notes) {
            this.notes = notes;
        }

        public String getCustomerName() {
            return customerName;
        }

        public void setCustomerName(String customerName) {
            this.customerName = customerName;
        }

        public String getCustomerEmail() {
            return customerEmail;
        }

        public void setCustomerEmail(String customerEmail) {
            this.customerEmail = customerEmail;
        }

        public String getCustomerPhone() {
            return customerPhone;
        }

        public void setCustomerPhone(String customerPhone) {
            this.customerPhone = customerPhone;
        }

        public boolean isCustomerWhatsappOptIn() {
            return customerWhatsappOptIn;
        }

        public void setCustomerWhatsappOptIn(boolean customerWhatsappOptIn) {
            this.customerWhatsappOptIn = customerWhatsappOptIn;
        }
    }

    /** What the send form holds: a party of the case (its index), a channel, a template or a text. */
    public static class SendForm {

        private Integer recipient = 0;
        private Channel channel = Channel.EMAIL;
        private String templateCode;
        private String language = "es";
        private String variables;
        private String subject;
        private String body;

        public Integer getRecipient() {
            return recipient;
        }

        public void setRecipient(Integer recipient) {
            this.recipient = recipient;
        }

        public Channel getChannel() {
            return channel;
        }

        public void setChannel(Channel channel) {
            this.channel = channel;
        }

        public String getTemplateCode() {
            return templateCode;
        }

        public void setTemplateCode(String templateCode) {
            this.templateCode = templateCode;
        }

        public String getLanguage() {
            return language;
        }

        public void setLanguage(String language) {
            this.language = language;
        }

        public String getVariables() {
            return variables;
        }

        public void setVariables(String variables) {
            this.variables = variables;
        }

        public String getSubject() {
            return subject;
        }

        public void setSubject(String subject) {
            this.subject = subject;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }
    }

    private final Cases cases;
    private final NotificationService notifications;
    private final Templates templates;
    private final Validator validator;
    private final Notices notices;

    CasePages(
            Cases cases, NotificationService notifications, Templates templates, Validator validator, Notices notices) {
        this.notices = notices;
        this.cases = cases;
        this.notifications = notifications;
        this.templates = templates;
        this.validator = validator;
    }

    @GetMapping("/cases/new")
    @PreAuthorize("hasAuthority('cases:create')")
    String newCase(Model model) {
        model.addAttribute("form", new CaseForm());
        return "notifications/case-new";
    }

    @PostMapping("/cases")
    @PreAuthorize("hasAuthority('cases:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") CaseForm form,
            BindingResult binding,
            RedirectAttributes redirect) {
        var customer = customer(form);
        FormErrors.validate(
                validator, new CaseRequest(form.getNumber(), form.getType(), null, null, form.getNotes()), binding);
        if (customer != null) {
            FormErrors.validate(
                    validator,
                    customer,
                    binding,
                    Map.of(
                            "name", "customerName",
                            "email", "customerEmail",
                            "phone", "customerPhone"));
        }
        if (!binding.hasErrors()) {
            try {
                var request = new CaseRequest(
                        form.getNumber(),
                        form.getType(),
                        CaseStatus.OPEN,
                        customer == null ? List.of() : List.of(customer),
                        blankToNull(form.getNotes()));
                var created = cases.create(caller, request.command());
                notices.success(redirect, "notifications.notice.caseCreated");
                return "redirect:/cases/" + created.id();
            } catch (BusinessException refused) {
                // The one refusal of a valid case: its number is taken.
                FormErrors.reject(binding, "number", refused.getMessage());
            }
        }
        return "notifications/case-new";
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('cases:read')")
    String kase(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        model.addAttribute("send", new SendForm());
        return casePage(caller, id, model);
    }

    @PostMapping("/cases/{id}/notifications")
    @PreAuthorize("hasAuthority('notifications:create')")
    String send(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("send") SendForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        CaseView kase = cases.get(caller, id);
        var party = form.getRecipient() == null
                        || form.getRecipient() < 0
                        || form.getRecipient() >= kase.parties().size()
                ? null
                : kase.parties().get(form.getRecipient());
        if (party == null) {
            FormErrors.rejectKey(binding, "recipient", "notifications.send.error.recipient");
        }
        var variables = NotificationForms.variables(binding, "variables", form.getVariables());
        var request = new NotificationRequest(
                id,
                party == null
                        ? null
                        : new RecipientRequest(party.name(), party.email(), party.phone(), party.whatsappOptIn()),
                form.getChannel(),
                blankToNull(form.getTemplateCode()),
                blankToNull(form.getLanguage()),
                variables,
                blankToNull(form.getSubject()),
                blankToNull(form.getBody()),
                null,
                null);
        FormErrors.validate(validator, request, binding);
        if (!binding.hasErrors()) {
            try {
                notifications.create(caller, request.command());
                notices.success(redirect, "notifications.notice.sent");
                return "redirect:/cases/" + id;
            } catch (BindException refused) {
                NotificationForms.reject(binding, refused, Map.of());
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return casePage(caller, id, model);
    }

    private String casePage(Actor caller, UUID id, Model model) {
        model.addAttribute("kase", cases.get(caller, id));
        model.addAttribute("notifications", notifications.forCase(caller, id));
        model.addAttribute("channels", Channel.values());
        model.addAttribute(
                "templates", templates.list(caller, null, null, null, 0, 200).items());
        return "notifications/case";
    }

    /** The customer typed in the form, or null when none of its fields was. */
    private static PartyRequest customer(CaseForm form) {
        if (blankToNull(form.getCustomerName()) == null
                && blankToNull(form.getCustomerEmail()) == null
                && blankToNull(form.getCustomerPhone()) == null) {
            return null;
        }
        return new PartyRequest(
                form.getCustomerName(),
                null,
                blankToNull(form.getCustomerEmail()),
                blankToNull(form.getCustomerPhone()),
                form.isCustomerWhatsappOptIn());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
