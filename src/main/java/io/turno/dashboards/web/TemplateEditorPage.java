package io.turno.dashboards.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.turno.dashboards.internal.DashboardLayout;
import io.turno.dashboards.internal.DashboardPermissions;
import io.turno.dashboards.internal.DashboardTemplates;
import io.turno.dashboards.internal.DashboardView;
import io.turno.dashboards.internal.Dashboards;
import io.turno.dashboards.internal.Widget;
import io.turno.dashboards.internal.WidgetCatalog;
import io.turno.identity.CurrentUser;
import io.turno.identity.RoleDirectory;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administrators' editor of a role's dashboard template: the layout travels in a plain form (every
 * widget, its width and its parameters), the buttons add, remove and move widgets without saving, and saving
 * goes through {@link DashboardTemplates#save} as the API does, so the catalog's schemas check it and their
 * refusals come back next to their field. Works without JavaScript. *Preview* fills the layout as typed, not
 * saved, with the organization's figures through the engine ({@link Dashboards#preview}, the same check as a
 * save first) and shows it above the form as the home page draws a dashboard ({@code dashboards/grid ::
 * preview}, {@code dashboard.js}); with htmx the page's editor part alone is swapped. The roles are the
 * built-in ones and the organization's custom roles.
 */
@Controller
class TemplateEditorPage {

    static final String PATH = "/dashboards/templates";

    /** {@code widgets[2].parameters.days}, as the service names a parameter, is the form's {@code parameters[days]}. */
    private static final Pattern PARAMETER = Pattern.compile("^(widgets\\[\\d+]\\.parameters)\\.(\\w+)$");

    private static final Pattern OPERATION = Pattern.compile("^(remove|up|down)-(\\d+)$");

    /** The layout being edited, as typed. */
    public static class TemplateForm {
        private List<Slot> widgets = new ArrayList<>();
        private String add;

        public List<Slot> getWidgets() {
            return widgets;
        }

        public void setWidgets(List<Slot> widgets) {
            this.widgets = widgets;
        }

        public String getAdd() {
            return add;
        }

        public void setAdd(String add) {
            this.add = add;
        }
    }

    /** One placed widget: its code, width and parameters as text. */
    public static class Slot {
        private String widget;
        private Integer width = 2;
        private Map<String, String> parameters = new LinkedHashMap<>();

        public String getWidget() {
            return widget;
        }

        public void setWidget(String widget) {
            this.widget = widget;
        }

        public Integer getWidth() {
            return width;
        }

        public void setWidth(Integer width) {
            this.width = width;
        }

        public Map<String, String> getParameters() {
            return parameters;
        }

        public void setParameters(Map<String, String> parameters) {
            this.parameters = parameters;
        }
    }

    /** What the page shows of a placed widget: its catalog entry (null for a code the catalog lacks) and fields. */
    record Placed(int index, String code, Widget widget, List<ParameterFields.Field> fields) {}

    private final DashboardTemplates templates;
    private final Dashboards dashboards;
    private final WidgetCatalog catalog;
    private final MessageSource messages;
    private final JsonMapper json;
    private final Notices notices;

    TemplateEditorPage(
            DashboardTemplates templates,
            Dashboards dashboards,
            WidgetCatalog catalog,
            MessageSource messages,
            JsonMapper json,
            Notices notices) {
        this.notices = notices;
        this.templates = templates;
        this.dashboards = dashboards;
        this.catalog = catalog;
        this.messages = messages;
        this.json = json;
    }

    @Bean
    static NavigationEntry dashboardTemplatesNavigation() {
        return new NavigationEntry(
                NavigationSection.ADMINISTRATION, "nav.dashboardTemplates", PATH, DashboardPermissions.MANAGE, 40);
    }

    @PreAuthorize("hasAuthority('dashboards:manage')")
    @GetMapping(PATH)
    String edit(@AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) String role, Model model) {
        String chosen = role == null || role.isBlank() ? templates.roles().getFirst() : code(role);
        DashboardTemplates.Resolved resolved = templates.resolve(caller.tenantId(), chosen);
        TemplateForm form = new TemplateForm();
        for (DashboardLayout.Placement placement : resolved.layout().widgets()) {
            Slot slot = new Slot();
            slot.setWidget(placement.widget());
            slot.setWidth(placement.width());
            slot.setParameters(ParameterFields.text(placement.parameters()));
            form.getWidgets().add(slot);
        }
        model.addAttribute("template", form);
        return page(caller, resolved, form, false, model);
    }

    @PreAuthorize("hasAuthority('dashboards:manage')")
    @PostMapping(PATH + "/{role}")
    String change(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable String role,
            @RequestParam(defaultValue = "save") String op,
            @ModelAttribute("template") TemplateForm form,
            BindingResult binding,
            Locale locale,
            Model model,
            RedirectAttributes redirect) {
        DashboardTemplates.Resolved resolved = templates.resolve(caller.tenantId(), code(role));
        if (op.equals("preview")) {
            if (!binding.hasErrors()) {
                try {
                    DashboardView view = dashboards.preview(caller, locale, resolved.role(), layout(form));
                    model.addAttribute("preview", json.writeValueAsString(view));
                    model.addAttribute("hidden", hiddenFrom(caller, resolved.role(), form, locale));
                } catch (BindException refused) {
                    refuse(binding, refused);
                }
            }
            return page(caller, resolved, form, true, model);
        }
        if (!op.equals("save")) {
            arrange(form, op);
            return page(caller, resolved, form, true, model);
        }
        if (binding.hasErrors()) {
            return page(caller, resolved, form, true, model);
        }
        try {
            templates.save(caller, resolved.role(), layout(form));
        } catch (BindException refused) {
            refuse(binding, refused);
            return page(caller, resolved, form, true, model);
        }
        return back(resolved.role(), "dashboards.editor.saved", redirect);
    }

    @PreAuthorize("hasAuthority('dashboards:manage')")
    @PostMapping(PATH + "/{role}/undo")
    String undo(@AuthenticationPrincipal CurrentUser caller, @PathVariable String role, RedirectAttributes redirect) {
        String code = code(role);
        try {
            templates.undo(caller, code);
        } catch (NotFound unknownRole) {
            throw unknownRole;
        } catch (BusinessException nothingToUndo) {
            notices.failureKey(redirect, "dashboards.editor.nothingToUndo");
            return "redirect:" + PATH + "?role=" + code;
        }
        return back(code, "dashboards.editor.undone", redirect);
    }

    @PreAuthorize("hasAuthority('dashboards:manage')")
    @PostMapping(PATH + "/{role}/reset")
    String reset(@AuthenticationPrincipal CurrentUser caller, @PathVariable String role, RedirectAttributes redirect) {
        String code = code(role);
        templates.revert(caller, code);
        return back(
                code,
                templates.roles().contains(code)
                        ? "dashboards.editor.reset.done"
                        : "dashboards.editor.reset.inheritedDone",
                redirect);
    }

    /** Each refusal next to its field of the form, or for the form as a whole. */
    private static void refuse(BindingResult binding, BindException refused) {
        for (FieldError error : refused.getFieldErrors()) {
            reject(binding, error.getField(), error.getDefaultMessage());
        }
        refused.getGlobalErrors().forEach(error -> binding.reject("refused", error.getDefaultMessage()));
    }

    /**
     * The preview is computed as the administrator sees it: the names of the placed widgets that the role's own
     * permissions would leave out of its holders' dashboards.
     */
    private List<String> hiddenFrom(CurrentUser caller, String role, TemplateForm form, Locale locale) {
        var granted = templates.permissionsOf(caller.tenantId(), role);
        List<String> hidden = new ArrayList<>();
        for (Slot slot : form.getWidgets()) {
            catalog.find(slot.getWidget() == null ? "" : slot.getWidget())
                    .filter(widget -> !granted.contains(widget.permission()))
                    .map(widget -> widget.name(locale))
                    .filter(name -> !hidden.contains(name))
                    .ifPresent(hidden::add);
        }
        return hidden;
    }

    private String page(
            CurrentUser caller, DashboardTemplates.Resolved resolved, TemplateForm form, boolean unsaved, Model model) {
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < form.getWidgets().size(); i++) {
            String code = form.getWidgets().get(i).getWidget();
            Widget widget = code == null ? null : catalog.find(code).orElse(null);
            placed.add(new Placed(
                    i, code, widget, widget == null ? List.of() : ParameterFields.of(widget.parametersSchema())));
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (RoleDirectory.RoleSummary custom : templates.customRoles(caller.tenantId())) {
            names.put(custom.code(), custom.name());
        }
        List<String> roles = new ArrayList<>(templates.roles());
        roles.addAll(names.keySet());
        model.addAttribute("roles", roles);
        model.addAttribute("roleNames", names);
        model.addAttribute("resolved", resolved);
        model.addAttribute("placed", placed);
        model.addAttribute("catalog", catalog.all());
        model.addAttribute("unsaved", unsaved);
        return "dashboards/templates";
    }

    /** Adds, removes or moves a widget in the form; nothing is saved until the form is. */
    private static void arrange(TemplateForm form, String op) {
        List<Slot> slots = form.getWidgets();
        if (op.equals("add")) {
            if (form.getAdd() != null && !form.getAdd().isBlank()) {
                Slot slot = new Slot();
                slot.setWidget(form.getAdd());
                slots.add(slot);
            }
            form.setAdd(null);
            return;
        }
        Matcher matcher = OPERATION.matcher(op);
        if (!matcher.matches()) {
            return;
        }
        int at = Integer.parseInt(matcher.group(2));
        if (at >= slots.size()) {
            return;
        }
        switch (matcher.group(1)) {
            case "remove" -> slots.remove(at);
            case "up" -> {
                if (at > 0) {
                    slots.add(at - 1, slots.remove(at));
                }
            }
            default -> {
                if (at + 1 < slots.size()) {
                    slots.add(at + 1, slots.remove(at));
                }
            }
        }
    }

    private DashboardLayout layout(TemplateForm form) {
        List<DashboardLayout.Placement> placements = new ArrayList<>();
        for (Slot slot : form.getWidgets()) {
            List<ParameterFields.Field> fields = catalog.find(slot.getWidget() == null ? "" : slot.getWidget())
                    .map(widget -> ParameterFields.of(widget.parametersSchema()))
                    .orElse(List.of());
            placements.add(new DashboardLayout.Placement(
                    slot.getWidget(),
                    slot.getWidth() == null ? 0 : slot.getWidth(),
                    ParameterFields.typed(fields, slot.getParameters())));
        }
        return new DashboardLayout(placements);
    }

    private static void reject(BindingResult binding, String field, String message) {
        Matcher parameter = PARAMETER.matcher(field);
        if (parameter.matches()) {
            binding.rejectValue(parameter.group(1) + "[" + parameter.group(2) + "]", "refused", message);
        } else {
            FormErrors.reject(binding, field, message);
        }
    }

    private String back(String role, String key, RedirectAttributes redirect) {
        notices.success(redirect, key);
        return "redirect:" + PATH + "?role=" + role;
    }

    private String message(String key) {
        return messages.getMessage(key, null, key, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private static String code(String role) {
        return role.strip().toUpperCase(Locale.ROOT);
    }
}
