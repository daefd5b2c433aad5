package io.turno.catalog.web;

import java.util.UUID;

import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.catalog.internal.CatalogPermissions;
import io.turno.catalog.internal.CatalogService;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
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

/** The service catalog as pages: the list, and one form to add or change a service. */
@Controller
@RequestMapping("/catalog/services")
class ServicePages {

    static final String PATH = "/catalog/services";
    private static final int SIZE = 25;

    /** What the form sends; the same rules as the API's body apply to it. */
    public static class ServiceForm {

        private String code;
        private String name;
        private String description;
        private boolean walkIn = true;
        private boolean bookable = true;
        private Integer durationMinutes;
        private String price;
        private String currency;
        private boolean active = true;

        static ServiceForm of(ServiceView service) {
            var form = new ServiceForm();
            form.code = service.code();
            form.name = service.name();
            form.description = service.description();
            form.walkIn = service.walkIn();
            form.bookable = service.bookable();
            form.durationMinutes = service.durationMinutes();
            form.price = service.price() == null ? null : service.price().toPlainString();
            form.currency = service.currency();
            form.active = service.active();
            return form;
        }

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public boolean isWalkIn() {
            return walkIn;
        }

        public void setWalkIn(boolean walkIn) {
            this.walkIn = walkIn;
        }

        public boolean isBookable() {
            return bookable;
        }

        public void setBookable(boolean bookable) {
            this.bookable = bookable;
        }

        public Integer getDurationMinutes() {
            return durationMinutes;
        }

        public void setDurationMinutes(Integer durationMinutes) {
            this.durationMinutes = durationMinutes;
        }

        public String getPrice() {
            return price;
        }

        public void setPrice(String price) {
            this.price = price;
        }

        public String getCurrency() {
            return currency;
        }

        public void setCurrency(String currency) {
            this.currency = currency;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    @Bean
    static NavigationEntry servicesNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.services", PATH, CatalogPermissions.SERVICES_READ, 40);
    }

    private final CatalogService catalog;
    private final Validator validator;

    ServicePages(CatalogService catalog, Validator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('services:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String text = q == null || q.isBlank()
                ? null
                : q.strip().substring(0, Math.min(q.strip().length(), 100));
        model.addAttribute("q", q);
        model.addAttribute(
                "result",
                catalog.search(caller.tenantId(), new ServiceQuery(text, null, null, null), Math.max(0, page), SIZE));
        return "catalog/services";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('services:create')")
    String createForm(Model model) {
        return form(model, null, new ServiceForm());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('services:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") ServiceForm form,
            BindingResult binding,
            Model model) {
        var request = request(form, binding);
        if (request != null) {
            try {
                catalog.create(caller, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (BusinessException refused) {
                reject(binding, refused);
            }
        }
        return form(model, null, form);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('services:update')")
    String editForm(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        ServiceView service = catalog.get(caller, id);
        return form(model, service, ServiceForm.of(service));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('services:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") ServiceForm form,
            BindingResult binding,
            Model model) {
        ServiceView service = catalog.get(caller, id);
        var request = request(form, binding);
        if (request != null) {
            try {
                catalog.update(caller, id, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (BusinessException refused) {
                reject(binding, refused);
            }
        }
        return form(model, service, form);
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasAuthority('services:delete')")
    String deactivate(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        catalog.deactivate(caller, id);
        return "redirect:" + PATH + "?saved";
    }

    private ServicesApi.ServiceRequest request(ServiceForm form, BindingResult binding) {
        var request = new ServicesApi.ServiceRequest(
                form.getCode(),
                form.getName(),
                form.getDescription(),
                form.isWalkIn(),
                form.isBookable(),
                form.getDurationMinutes(),
                blankToNull(form.getPrice()),
                blankToNull(form.getCurrency()),
                form.isActive());
        boolean invalid = FormErrors.validate(validator, request, binding);
        return invalid || binding.hasErrors() ? null : request;
    }

    /** The catalog refuses a code already taken (409): that is the code field's problem. */
    private static void reject(BindingResult binding, BusinessException refused) {
        FormErrors.reject(binding, refused.status() == HttpStatus.CONFLICT ? "code" : null, refused.getMessage());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String form(Model model, ServiceView service, ServiceForm form) {
        model.addAttribute("service", service);
        model.addAttribute("form", form);
        return "catalog/service-form";
    }
}
