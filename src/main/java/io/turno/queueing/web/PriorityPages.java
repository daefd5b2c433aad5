package io.turno.queueing.web;

import java.util.UUID;

import io.turno.queueing.internal.ConfigurationFailures.FieldFailure;
import io.turno.queueing.internal.PriorityService;
import io.turno.queueing.internal.PriorityService.PriorityView;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import jakarta.validation.Validator;
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

/** Priorities as pages: the list by weight, and one form to add or change a priority. */
@Controller
@RequestMapping("/queueing/priorities")
class PriorityPages {

    static final String PATH = "/queueing/priorities";

    public static class PriorityForm {

        private String name;
        private Integer weight = 1;
        private String description;
        private boolean makeDefault;
        private boolean active = true;

        static PriorityForm of(PriorityView priority) {
            var form = new PriorityForm();
            form.name = priority.name();
            form.weight = priority.weight();
            form.description = priority.description();
            form.makeDefault = priority.isDefault();
            form.active = priority.active();
            return form;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(Integer weight) {
            this.weight = weight;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public boolean isMakeDefault() {
            return makeDefault;
        }

        public void setMakeDefault(boolean makeDefault) {
            this.makeDefault = makeDefault;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    private final PriorityService priorities;
    private final Validator validator;

    PriorityPages(PriorityService priorities, Validator validator) {
        this.priorities = priorities;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('priorities:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("result", priorities.list(caller, Pages.text(q), null, Pages.page(page), Pages.SIZE));
        return "queueing/priorities";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('priorities:create')")
    String createForm(Model model) {
        return form(model, null, new PriorityForm());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('priorities:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") PriorityForm form,
            BindingResult binding,
            Model model) {
        var request = request(form, binding);
        if (request != null) {
            try {
                priorities.create(caller, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (BusinessException refused) {
                FormErrors.reject(binding, refused instanceof FieldFailure f ? f.field() : null, refused.getMessage());
            }
        }
        return form(model, null, form);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('priorities:update')")
    String editForm(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        PriorityView priority = priorities.get(caller, id);
        return form(model, priority, PriorityForm.of(priority));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('priorities:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") PriorityForm form,
            BindingResult binding,
            Model model) {
        PriorityView priority = priorities.get(caller, id);
        var request = request(form, binding);
        if (request != null) {
            try {
                priorities.update(caller, id, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (BusinessException refused) {
                FormErrors.reject(binding, refused instanceof FieldFailure f ? f.field() : null, refused.getMessage());
            }
        }
        return form(model, priority, form);
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasAuthority('priorities:delete')")
    String deactivate(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        priorities.deactivate(caller, id);
        return "redirect:" + PATH + "?saved";
    }

    private PrioritiesApi.PriorityRequest request(PriorityForm form, BindingResult binding) {
        var request = new PrioritiesApi.PriorityRequest(
                form.getName(), form.getWeight(), form.getDescription(), form.isMakeDefault(), form.isActive());
        boolean invalid = FormErrors.validate(validator, request, binding);
        return invalid || binding.hasErrors() ? null : request;
    }

    private String form(Model model, PriorityView priority, PriorityForm form) {
        model.addAttribute("priority", priority);
        model.addAttribute("form", form);
        return "queueing/priority-form";
    }
}
