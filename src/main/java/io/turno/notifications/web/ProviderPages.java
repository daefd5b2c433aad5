package io.turno.notifications.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.NotificationsPermissions;
import io.turno.notifications.internal.ProviderKind;
import io.turno.notifications.internal.ProviderTestMessages;
import io.turno.notifications.internal.Providers;
import io.turno.notifications.internal.Providers.ProviderView;
import io.turno.notifications.web.ProvidersApi.ProviderRequest;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
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
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Notification providers as pages: the list by channel and priority, the form that adds or changes
 * one, and its "send test" button. Secrets are write-only: the form has an empty password field for
 * each, says which are set, and one left empty keeps its value; no page ever carries a secret's value.
 */
@Controller
@RequestMapping(ProviderPages.PATH)
class ProviderPages {

    static final String PATH = "/notification-providers";

    @Bean
    static NavigationEntry providersNavigation() {
        return new NavigationEntry(
                NavigationSection.COMMUNICATIONS,
                "notifications.nav.providers",
                PATH,
                NotificationsPermissions.PROVIDERS_READ,
                40);
    }

    /** The provider form as typed: each setting and secret its own field; a secret is never filled in. */
    public static class ProviderForm {

        private ProviderKind kind = ProviderKind.WHATSAPP_CLOUD;
        private String name;
        private String priority = "1";
        private boolean enabled = true;
        private Map<String, String> settings = new LinkedHashMap<>();
        private Map<String, String> secrets = new LinkedHashMap<>();

        public ProviderKind getKind() {
            return kind;
        }

        public void setKind(ProviderKind kind) {
            this.kind = kind;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPriority() {
            return priority;
        }

        public void setPriority(String priority) {
            this.priority = priority;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Map<String, String> getSettings() {
            return settings;
        }

        public void setSettings(Map<String, String> settings) {
            this.settings = settings;
        }

        public Map<String, String> getSecrets() {
            return secrets;
        }

        public void setSecrets(Map<String, String> secrets) {
            this.secrets = secrets;
        }
    }

    /** Where the test message goes: an email address or a phone number, by the provider's channel. */
    public static class TestForm {

        private String to;

        public String getTo() {
            return to;
        }

        public void setTo(String to) {
            this.to = to;
        }
    }

    private final Providers providers;
    private final ProviderTestMessages tests;
    private final Validator validator;
    private final Notices notices;

    ProviderPages(Providers providers, ProviderTestMessages tests, Validator validator, Notices notices) {
        this.notices = notices;
        this.providers = providers;
        this.tests = tests;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('providers:read')")
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("providers", providers.list(caller));
        model.addAttribute("kinds", ProviderKind.values());
        return "notifications/providers";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('providers:create')")
    String newProvider(@RequestParam(required = false) ProviderKind kind, Model model) {
        var form = new ProviderForm();
        if (kind != null) {
            form.setKind(kind);
        }
        return form(model, null, form, new TestForm());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('providers:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") ProviderForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var request = request(form, binding, Map.of());
        if (!binding.hasErrors()) {
            try {
                var created = providers.create(caller, request.command());
                notices.success(redirect, "notifications.notice.providerSaved");
                return "redirect:" + PATH + "/" + created.id();
            } catch (BindException refused) {
                NotificationForms.reject(binding, refused, Map.of());
            } catch (BusinessException refused) {
                // The one refusal of a valid provider: its channel has one at that priority.
                FormErrors.reject(binding, "priority", refused.getMessage());
            }
        }
        return form(model, null, form, new TestForm());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('providers:read')")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        ProviderView provider = providers.get(caller, id);
        var form = formOf(provider);
        return form(model, provider, form, new TestForm());
    }

    /** The kind stays; a secret left empty keeps its value, and settings the form does not show are kept. */
    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('providers:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") ProviderForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        ProviderView provider = providers.get(caller, id);
        form.setKind(provider.kind());
        var request = request(form, binding, provider.settings());
        if (!binding.hasErrors()) {
            try {
                providers.update(caller, id, request.command());
                notices.success(redirect, "notifications.notice.providerSaved");
                return "redirect:" + PATH + "/" + id;
            } catch (BindException refused) {
                NotificationForms.reject(binding, refused, Map.of());
            } catch (BusinessException refused) {
                FormErrors.reject(binding, "priority", refused.getMessage());
            }
        }
        return form(model, provider, form, new TestForm());
    }

    /** Sends one message through this provider now and shows what it answered. */
    @PostMapping("/{id}/test")
    @PreAuthorize("hasAuthority('providers:update')")
    String test(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("test") TestForm test,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        ProviderView provider = providers.get(caller, id);
        String to = CasePages.blankToNull(test.getTo());
        boolean email = provider.channel() == Channel.EMAIL;
        if (to == null) {
            FormErrors.rejectKey(binding, "to", "notifications.providerTest.error.to");
        } else if (email ? !to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") : !to.matches("\\+?[0-9 ()-]{6,30}")) {
            FormErrors.rejectKey(binding, "to", "notifications.providerTest.error.to");
        }
        if (binding.hasErrors()) {
            return form(model, provider, formOf(provider), test);
        }
        var outcome =
                tests.send(caller, id, to, "Mensaje de prueba de Turno / Turno test message (" + provider.name() + ")");
        redirect.addFlashAttribute("testOutcome", outcome);
        redirect.addFlashAttribute("testTo", to);
        return "redirect:" + PATH + "/" + id;
    }

    private ProviderRequest request(ProviderForm form, BindingResult binding, Map<String, Object> before) {
        Integer priority = FormErrors.parse(
                binding, "priority", form.getPriority(), Integer::valueOf, "notifications.providerForm.error.priority");
        var settings = new LinkedHashMap<String, Object>();
        before.forEach((key, value) -> {
            if (value instanceof Map) {
                settings.put(key, value); // the WhatsApp templates map: set through the API
            }
        });
        form.getSettings().forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                settings.put(key, value.strip());
            }
        });
        var secrets = new LinkedHashMap<String, String>();
        form.getSecrets().forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                secrets.put(key, value);
            }
        });
        var request = new ProviderRequest(
                form.getKind() == null ? null : form.getKind().channel(),
                form.getKind(),
                form.getName(),
                priority,
                form.isEnabled(),
                settings,
                secrets);
        FormErrors.validate(validator, request, binding);
        return request;
    }

    private static ProviderForm formOf(ProviderView provider) {
        var form = new ProviderForm();
        form.setKind(provider.kind());
        form.setName(provider.name());
        form.setPriority(String.valueOf(provider.priority()));
        form.setEnabled(provider.enabled());
        provider.settings().forEach((key, value) -> {
            if (value != null && !(value instanceof Map)) {
                form.getSettings().put(key, value.toString());
            }
        });
        return form;
    }

    private String form(Model model, ProviderView provider, ProviderForm form, TestForm test) {
        model.addAttribute("provider", provider);
        model.addAttribute("form", form);
        model.addAttribute("test", test);
        model.addAttribute("kinds", ProviderKind.values());
        return "notifications/provider-form";
    }
}
