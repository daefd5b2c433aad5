package io.turno.queueing.web;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.queueing.internal.BranchService;
import io.turno.queueing.internal.BranchService.BranchView;
import io.turno.queueing.internal.ConfigurationFailures.FieldFailure;
import io.turno.queueing.internal.OpeningHours;
import io.turno.queueing.internal.OpeningHours.Interval;
import io.turno.shared.Actor;
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

/** Branches as pages: the list, and one form to add or change a branch, its time zone and opening hours. */
@Controller
@RequestMapping("/queueing/branches")
class BranchPages {

    static final String PATH = "/queueing/branches";
    static final List<String> DAYS =
            java.util.Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList();
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    /** What the form sends: opening hours as one text per day, {@code 07:00-12:00, 14:00-18:00}. */
    public static class BranchForm {

        private String name;
        private String address;
        private String timeZone = "America/Bogota";
        private Map<String, String> hours = new LinkedHashMap<>();
        private String callPolicy = "WEIGHTED_WAIT";
        private Integer maxRecalls = 3;
        private Integer rebalanceThreshold = 5;
        private boolean active = true;

        public BranchForm() {
            DAYS.forEach(day -> hours.put(day, ""));
        }

        static BranchForm of(BranchView branch) {
            var form = new BranchForm();
            form.name = branch.name();
            form.address = branch.address();
            form.timeZone = branch.timeZone();
            branch.openingHours().forEach((day, intervals) -> form.hours.put(day, OpeningHours.formatDay(intervals)));
            form.callPolicy = branch.callPolicy().name();
            form.maxRecalls = branch.maxRecalls();
            form.rebalanceThreshold = branch.rebalanceThreshold();
            form.active = branch.active();
            return form;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public String getTimeZone() {
            return timeZone;
        }

        public void setTimeZone(String timeZone) {
            this.timeZone = timeZone;
        }

        public Map<String, String> getHours() {
            return hours;
        }

        public void setHours(Map<String, String> hours) {
            this.hours = hours;
        }

        public String getCallPolicy() {
            return callPolicy;
        }

        public void setCallPolicy(String callPolicy) {
            this.callPolicy = callPolicy;
        }

        public Integer getMaxRecalls() {
            return maxRecalls;
        }

        public void setMaxRecalls(Integer maxRecalls) {
            this.maxRecalls = maxRecalls;
        }

        public Integer getRebalanceThreshold() {
            return rebalanceThreshold;
        }

        public void setRebalanceThreshold(Integer rebalanceThreshold) {
            this.rebalanceThreshold = rebalanceThreshold;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    private final BranchService branches;
    private final Validator validator;

    BranchPages(BranchService branches, Validator validator) {
        this.branches = branches;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('branches:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("result", branches.list(caller, Pages.text(q), null, Pages.page(page), Pages.SIZE));
        return "queueing/branches";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('branches:create')")
    String createForm(Model model) {
        return form(model, null, new BranchForm());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('branches:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") BranchForm form,
            BindingResult binding,
            Model model) {
        var request = request(form, binding);
        if (request != null) {
            try {
                branches.create(caller, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            }
        }
        return form(model, null, form);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('branches:update')")
    String editForm(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        return form(model, branches.get(caller, id), BranchForm.of(branches.get(caller, id)));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('branches:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") BranchForm form,
            BindingResult binding,
            Model model) {
        BranchView branch = branches.get(caller, id);
        var request = request(form, binding);
        if (request != null) {
            try {
                branches.update(caller, id, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            }
        }
        return form(model, branch, form);
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasAuthority('branches:delete')")
    String deactivate(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        branches.deactivate(caller, id);
        return "redirect:" + PATH + "?saved";
    }

    /** The API request the form amounts to, or null when the form has errors (now on {@code binding}). */
    private BranchesApi.BranchRequest request(BranchForm form, BindingResult binding) {
        Map<String, List<Interval>> hours = new LinkedHashMap<>();
        form.getHours().forEach((day, text) -> {
            if (!DAYS.contains(day)) {
                return;
            }
            List<Interval> intervals = OpeningHours.parseDay(text);
            if (intervals == null) {
                FormErrors.reject(binding, "hours[" + day + "]", "Escribe los horarios como 07:00-12:00, 14:00-18:00.");
                return;
            }
            var problems = OpeningHours.dayProblems(day, intervals);
            if (!problems.isEmpty()) {
                problems.forEach(problem -> FormErrors.reject(binding, "hours[" + day + "]", problem));
                return;
            }
            hours.put(day, intervals);
        });
        var request = new BranchesApi.BranchRequest(
                form.getName(),
                form.getAddress(),
                form.getTimeZone(),
                hours,
                form.getCallPolicy(),
                form.getMaxRecalls(),
                form.getRebalanceThreshold(),
                form.isActive());
        boolean invalid = FormErrors.validate(validator, request, binding);
        return invalid || binding.hasErrors() ? null : request;
    }

    private String form(Model model, BranchView branch, BranchForm form) {
        model.addAttribute("branch", branch);
        model.addAttribute("form", form);
        model.addAttribute("days", DAYS);
        model.addAttribute("zones", ZONES);
        model.addAttribute("policies", List.of("WEIGHTED_WAIT", "FIFO", "STRICT_PRIORITY"));
        return "queueing/branch-form";
    }
}
