package io.turno.notifications.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.notifications.internal.Channel;
import io.turno.notifications.internal.NotificationsPermissions;
import io.turno.notifications.internal.Templates;
import io.turno.notifications.internal.Templates.TemplateView;
import io.turno.notifications.web.NotificationTemplatesApi.TemplateRequest;
import io.turno.shared.Actor;
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
 * Message templates as pages: the list by channel and language, the form that adds or changes one,
 * and its preview, which renders what was typed with sample values through the module's own renderer
 * (the one notifications use) and saves nothing.
 */
@Controller
@RequestMapping(TemplatePages.PATH)
class TemplatePages {

    static final String PATH = "/notification-templates";

    @Bean
    static NavigationEntry templatesNavigation() {
        return new NavigationEntry(
                NavigationSection.COMMUNICATIONS,
                "notifications.nav.templates",
                PATH,
                NotificationsPermissions.TEMPLATES_READ,
                30);
    }

    /** The template form as typed: variables separated by commas, samples one {@code name=value} a line. */
    public static class TemplateForm {

        private String code;
        private Channel channel = Channel.EMAIL;
        private String language = "es";
        private String subject;
        private String body;
        private String variables;
        private String samples;

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public Channel getChannel() {
            return channel;
        }

        public void setChannel(Channel channel) {
            this.channel = channel;
        }

        public String getLanguage() {
            return language;
        }

        public void setLanguage(String language) {
            this.language = language;
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

        public String getVariables() {
            return variables;
        }

        public void setVariables(String variables) {
            this.variables = variables;
        }

        public String getSamples() {
            return samples;
        }

        public void setSamples(String samples) {
            this.samples = samples;
        }
    }

    private final Templates templates;
    private final Validator validator;
    private final Notices notices;

    TemplatePages(Templates templates, Validator validator, Notices notices) {
        this.notices = notices;
        this.templates = templates;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('templates:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) String language,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String lang = "es".equals(language) || "en".equals(language) ? language : null;
        model.addAttribute("channel", channel);
        model.addAttribute("language", lang);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("result", templates.list(caller, null, channel, lang, Math.max(0, page), 50));
        return "notifications/templates";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('templates:create')")
    String newTemplate(Model model) {
        return form(model, null, new TemplateForm(), null);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('templates:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") TemplateForm form,
            BindingResult binding,
            @RequestParam(required = false) String preview,
            Model model,
            RedirectAttributes redirect) {
        var request = request(form, binding);
        if (preview != null) {
            return form(model, null, form, preview(form, binding));
        }
        if (!binding.hasErrors()) {
            try {
                var created = templates.create(caller, request.command());
                notices.success(redirect, "notifications.notice.templateSaved");
                return "redirect:" + PATH + "/" + created.id();
            } catch (BindException refused) {
                NotificationForms.reject(binding, refused, Map.of());
            }
        }
        return form(model, null, form, null);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('templates:read')")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        TemplateView template = templates.get(caller, id);
        var form = new TemplateForm();
        form.setCode(template.code());
        form.setChannel(template.channel());
        form.setLanguage(template.language());
        form.setSubject(template.subject());
        form.setBody(template.body());
        form.setVariables(String.join(", ", template.variables()));
        return form(model, template, form, null);
    }

    /** Code, channel and language stay what they are; the rest is replaced. */
    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('templates:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") TemplateForm form,
            BindingResult binding,
            @RequestParam(required = false) String preview,
            Model model,
            RedirectAttributes redirect) {
        TemplateView template = templates.get(caller, id);
        form.setCode(template.code());
        form.setChannel(template.channel());
        form.setLanguage(template.language());
        var request = request(form, binding);
        if (preview != null) {
            return form(model, template, form, preview(form, binding));
        }
        if (!binding.hasErrors()) {
            try {
                templates.update(caller, id, request.command());
                notices.success(redirect, "notifications.notice.templateSaved");
                return "redirect:" + PATH + "/" + id;
            } catch (BindException refused) {
                NotificationForms.reject(binding, refused, Map.of());
            }
        }
        return form(model, template, form, null);
    }

    private TemplateRequest request(TemplateForm form, BindingResult binding) {
        var request = new TemplateRequest(
                CasePages.blankToNull(form.getCode()),
                form.getChannel(),
                form.getLanguage(),
                CasePages.blankToNull(form.getSubject()),
                form.getBody(),
                variables(form.getVariables()));
        FormErrors.validate(validator, request, binding);
        return request;
    }

    /** What the template as typed reads like with the samples; null when the samples cannot be read. */
    private Templates.Rendered preview(TemplateForm form, BindingResult binding) {
        var samples = NotificationForms.variables(binding, "samples", form.getSamples());
        if (binding.hasFieldErrors("samples") || form.getBody() == null) {
            return null;
        }
        return templates.preview(form.getSubject(), form.getBody(), samples == null ? Map.of() : samples);
    }

    static List<String> variables(String typed) {
        return typed == null || typed.isBlank()
                ? List.of()
                : Arrays.stream(typed.strip().split("[,\\s]+"))
                        .filter(v -> !v.isBlank())
                        .toList();
    }

    private String form(Model model, TemplateView template, TemplateForm form, Templates.Rendered preview) {
        model.addAttribute("template", template);
        model.addAttribute("form", form);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("preview", preview);
        return "notifications/template-form";
    }
}
