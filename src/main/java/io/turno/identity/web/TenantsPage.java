package io.turno.identity.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.identity.CurrentUser;
import io.turno.identity.PlatformPermissions;
import io.turno.identity.internal.AuthenticationFailures.WeakPassword;
import io.turno.identity.internal.TenantsService;
import io.turno.identity.internal.TenantsService.FirstAdmin;
import io.turno.identity.internal.TenantsService.NewTenant;
import io.turno.identity.internal.TenantsService.TenantChange;
import io.turno.identity.internal.TenantsService.TenantView;
import io.turno.identity.internal.UsersService;
import io.turno.identity.internal.UsersService.NewUser;
import io.turno.identity.web.TenantsApi.AdminRequest;
import io.turno.identity.web.TenantsApi.CreateTenantRequest;
import io.turno.identity.web.TenantsApi.UpdateTenantRequest;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.shared.TimeZones;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform's organizations, for the SUPER_ADMIN: the list, a new one (with its first
 * administrator, when given) and a change of name, time zone, language, currency or active flag.
 * What the form sends is checked by the API's own request records, so the page and
 * {@code /api/v1/tenants} accept the same input; every refusal shows at once next to its field.
 */
@Controller
class TenantsPage {

    static final String PATH = "/tenants";

    /** The form's fields, flat: the first administrator's only on a new organization. */
    record TenantForm(
            String slug,
            String name,
            String timeZone,
            String locale,
            String currency,
            Boolean active,
            String adminUsername,
            String adminFullName,
            String adminEmail,
            String adminPassword) {

        static TenantForm of(TenantView tenant) {
            return new TenantForm(
                    tenant.slug(),
                    tenant.name(),
                    tenant.timeZone(),
                    tenant.locale(),
                    tenant.currency(),
                    tenant.active(),
                    null,
                    null,
                    null,
                    null);
        }

        boolean hasAdmin() {
            return !blank(adminUsername) || !blank(adminPassword);
        }
    }

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    private static final Map<String, String> ADMIN_FIELDS = Map.of(
            "username", "adminUsername",
            "fullName", "adminFullName",
            "email", "adminEmail",
            "password", "adminPassword");

    private final TenantsService tenants;
    private final UsersService users;
    private final Validator validator;
    private final Notices notices;

    TenantsPage(TenantsService tenants, UsersService users, Validator validator, Notices notices) {
        this.tenants = tenants;
        this.users = users;
        this.validator = validator;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry tenantsNavigation() {
        return new NavigationEntry(
                NavigationSection.ADMINISTRATION, "nav.tenants", PATH, PlatformPermissions.TENANTS_READ, 5);
    }

    @PreAuthorize("hasAuthority('tenants:read')")
    @GetMapping(PATH)
    String list(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("tenants", tenants.list(blank(q) ? null : q.strip(), null, 0, 200));
        return "identity/tenants";
    }

    @PreAuthorize("hasAuthority('tenants:create')")
    @GetMapping(PATH + "/new")
    String newTenant(Model model) {
        model.addAttribute(
                "tenant", new TenantForm(null, null, "America/Bogota", "es", "COP", true, null, null, null, null));
        return form(model, null);
    }

    @PreAuthorize("hasAuthority('tenants:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal CurrentUser caller,
            @ModelAttribute("tenant") TenantForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        FormErrors.validate(
                validator,
                new CreateTenantRequest(
                        form.slug(), form.name(), form.timeZone(), form.locale(), upper(form.currency()), null, null),
                result);
        AdminRequest admin = null;
        if (form.hasAdmin()) {
            admin = new AdminRequest(
                    form.adminUsername(),
                    nullIfBlank(form.adminFullName()),
                    nullIfBlank(form.adminEmail()),
                    form.adminPassword());
            FormErrors.validate(validator, admin, result, ADMIN_FIELDS);
            // The password policy too, so that a weak password shows with the other refusals.
            if (!blank(form.adminPassword()) && !result.hasFieldErrors("adminPassword")) {
                users.refusals(caller, new NewUser(null, null, null, form.adminPassword(), null, null))
                        .forEach(weak -> FormErrors.reject(result, "adminPassword", weak.getMessage()));
            }
        }
        checkZone(form, result);
        if (!result.hasErrors()) {
            try {
                var created = tenants.create(
                        caller,
                        new NewTenant(
                                form.slug(),
                                form.name(),
                                form.timeZone().strip(),
                                form.locale(),
                                upper(form.currency()),
                                null,
                                admin == null
                                        ? null
                                        : new FirstAdmin(
                                                admin.username(), admin.fullName(), admin.email(), admin.password())));
                notices.success(redirect, "tenants.notice.created", created.slug());
                return "redirect:" + PATH + "/" + created.id();
            } catch (WeakPassword e) {
                FormErrors.reject(result, "adminPassword", e.getMessage());
            } catch (BusinessException e) {
                FormErrors.reject(result, e.code() == ProblemCode.CONFLICT ? "slug" : null, e.getMessage());
            }
        }
        return form(model, null);
    }

    @PreAuthorize("hasAuthority('tenants:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@PathVariable UUID id, Model model) {
        TenantView tenant = tenants.get(id);
        model.addAttribute("tenant", TenantForm.of(tenant));
        return form(model, tenant);
    }

    @PreAuthorize("hasAuthority('tenants:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("tenant") TenantForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        TenantView before = tenants.get(id);
        FormErrors.validate(
                validator,
                new UpdateTenantRequest(
                        nullIfBlank(form.name()) == null ? "" : form.name(),
                        form.timeZone(),
                        form.locale(),
                        upper(form.currency()),
                        null,
                        form.active()),
                result);
        checkZone(form, result);
        if (!result.hasErrors()) {
            try {
                tenants.update(
                        caller,
                        id,
                        new TenantChange(
                                form.name(),
                                form.timeZone().strip(),
                                form.locale(),
                                upper(form.currency()),
                                null,
                                form.active()));
                notices.success(redirect, "tenants.notice.updated", before.slug());
                return "redirect:" + PATH + "/" + id;
            } catch (BusinessException e) {
                FormErrors.reject(result, null, e.getMessage());
            }
        }
        return form(model, before);
    }

    /** The one rule for a typed zone (TimeZones), said in the page's language next to the field. */
    private static void checkZone(TenantForm form, BindingResult result) {
        if (TimeZones.iana(form.timeZone()).isEmpty()) {
            FormErrors.rejectKey(result, "timeZone", "tenants.error.timeZone");
        }
    }

    private String form(Model model, TenantView existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("zones", ZONES);
        return "identity/tenant-form";
    }

    private static String upper(String currency) {
        return blank(currency) ? null : currency.strip().toUpperCase(java.util.Locale.ROOT);
    }

    private static String nullIfBlank(String value) {
        return blank(value) ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
