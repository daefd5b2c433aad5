package io.turno.queueing.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.identity.UserDirectory;
import io.turno.queueing.internal.BranchService;
import io.turno.queueing.internal.ConfigurationFailures.FieldFailure;
import io.turno.queueing.internal.DeskService;
import io.turno.queueing.internal.DeskService.DeskFilter;
import io.turno.queueing.internal.DeskService.DeskQueue;
import io.turno.queueing.internal.DeskService.DeskView;
import io.turno.queueing.internal.QueueService;
import io.turno.queueing.internal.QueueService.QueueFilter;
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

/**
 * Desks as pages: the list with who sits where, one form to add or change a desk (its queues typed
 * as prefixes in order, {@code A, B}), and a quick operator change for supervisors.
 */
@Controller
@RequestMapping("/queueing/desks")
class DeskPages {

    static final String PATH = "/queueing/desks";

    record Option(UUID id, String label) {}

    public static class DeskForm {

        private UUID branchId;
        private String name;
        private String queues;
        private String overflowQueues;
        private UUID operatorId;
        private boolean active = true;

        static DeskForm of(DeskView desk) {
            var form = new DeskForm();
            form.branchId = desk.branchId();
            form.name = desk.name();
            form.queues = prefixes(desk, false);
            form.overflowQueues = prefixes(desk, true);
            form.operatorId = desk.operatorId();
            form.active = desk.active();
            return form;
        }

        private static String prefixes(DeskView desk, boolean overflow) {
            return desk.queues().stream()
                    .filter(q -> q.overflow() == overflow)
                    .map(DeskQueue::prefix)
                    .collect(Collectors.joining(", "));
        }

        public UUID getBranchId() {
            return branchId;
        }

        public void setBranchId(UUID branchId) {
            this.branchId = branchId;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getQueues() {
            return queues;
        }

        public void setQueues(String queues) {
            this.queues = queues;
        }

        public String getOverflowQueues() {
            return overflowQueues;
        }

        public void setOverflowQueues(String overflowQueues) {
            this.overflowQueues = overflowQueues;
        }

        public UUID getOperatorId() {
            return operatorId;
        }

        public void setOperatorId(UUID operatorId) {
            this.operatorId = operatorId;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    private final DeskService desks;
    private final QueueService queues;
    private final BranchService branches;
    private final UserDirectory users;
    private final Validator validator;

    DeskPages(
            DeskService desks, QueueService queues, BranchService branches, UserDirectory users, Validator validator) {
        this.desks = desks;
        this.queues = queues;
        this.branches = branches;
        this.users = users;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('desks:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("branchId", branchId);
        model.addAttribute("branches", branches.list(caller, null, null, 0, 200).items());
        model.addAttribute("operators", operators(caller));
        model.addAttribute(
                "result",
                desks.list(
                        caller,
                        new DeskFilter(branchId, null, null, Pages.text(q), null),
                        Pages.page(page),
                        Pages.SIZE));
        return "queueing/desks";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('desks:create')")
    String createForm(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            Model model) {
        var form = new DeskForm();
        form.setBranchId(branchId);
        return form(caller, model, null, form);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('desks:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") DeskForm form,
            BindingResult binding,
            Model model) {
        var request = request(caller, form, binding);
        if (request != null) {
            try {
                desks.create(caller, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, formField(refused.field()), refused.getMessage());
            }
        }
        return form(caller, model, null, form);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('desks:update')")
    String editForm(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        DeskView desk = desks.get(caller, id);
        return form(caller, model, desk, DeskForm.of(desk));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('desks:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") DeskForm form,
            BindingResult binding,
            Model model) {
        DeskView desk = desks.get(caller, id);
        form.setBranchId(desk.branchId()); // the branch is shown, not edited
        var request = request(caller, form, binding);
        if (request != null) {
            try {
                desks.update(caller, id, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, formField(refused.field()), refused.getMessage());
            }
        }
        return form(caller, model, desk, form);
    }

    /** The supervisor's quick change from the list: who sits at the desk now (empty: nobody). */
    @PostMapping("/{id}/operator")
    @PreAuthorize("hasAuthority('desks:update')")
    String assignOperator(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam(name = "operatorId", required = false) UUID operatorId) {
        desks.assignOperator(caller, id, operatorId);
        return "redirect:" + PATH + "?saved";
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasAuthority('desks:delete')")
    String deactivate(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        desks.deactivate(caller, id);
        return "redirect:" + PATH + "?saved";
    }

    /** The API request the form amounts to, its prefixes resolved in the desk's branch; null when refused. */
    private DesksApi.DeskRequest request(Actor caller, DeskForm form, BindingResult binding) {
        List<UUID> own = List.of();
        List<UUID> overflow = List.of();
        if (form.getBranchId() != null) {
            Map<String, UUID> byPrefix = new LinkedHashMap<>();
            queues.list(caller, new QueueFilter(form.getBranchId(), null, null, null), 0, 200)
                    .items()
                    .forEach(q -> byPrefix.put(q.prefix(), q.id()));
            own = resolve(form.getQueues(), byPrefix, "queues", binding);
            overflow = resolve(form.getOverflowQueues(), byPrefix, "overflowQueues", binding);
        }
        var request = new DesksApi.DeskRequest(
                form.getBranchId(), form.getName(), own, overflow, form.getOperatorId(), form.isActive());
        boolean invalid = FormErrors.validate(validator, request, binding);
        return invalid || binding.hasErrors() ? null : request;
    }

    private static List<UUID> resolve(String text, Map<String, UUID> byPrefix, String field, BindingResult binding) {
        List<UUID> ids = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ids;
        }
        for (String part : text.split("[,;\\s]+")) {
            String prefix = part.strip().toUpperCase(Locale.ROOT);
            if (prefix.isEmpty()) {
                continue;
            }
            UUID id = byPrefix.get(prefix);
            if (id == null) {
                FormErrors.reject(binding, field, "La sede no tiene una cola con el prefijo «" + prefix + "».");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The API's field names for what this form types as prefixes. */
    private static String formField(String apiField) {
        return switch (apiField) {
            case "queue_ids" -> "queues";
            case "overflow_queue_ids" -> "overflowQueues";
            default -> apiField;
        };
    }

    private String form(Actor caller, Model model, DeskView desk, DeskForm form) {
        model.addAttribute("desk", desk);
        model.addAttribute("form", form);
        var active = branches.list(caller, null, true, 0, 200).items();
        model.addAttribute(
                "branches",
                active.stream().map(b -> new Option(b.id(), b.name())).toList());
        // Each branch's queues, so the person knows which prefixes to type.
        Map<String, String> prefixes = new LinkedHashMap<>();
        for (var branch : active) {
            prefixes.put(
                    branch.name(),
                    queues.list(caller, new QueueFilter(branch.id(), null, null, null), 0, 200).items().stream()
                            .map(q -> q.prefix() + " " + q.name() + (q.active() ? "" : " ✕"))
                            .collect(Collectors.joining(", ")));
        }
        model.addAttribute("prefixes", prefixes);
        model.addAttribute("operators", operators(caller));
        return "queueing/desk-form";
    }

    private List<Option> operators(Actor caller) {
        return users.active(caller.tenantId(), 500).stream()
                .map(u -> new Option(u.id(), u.fullName() + " (" + u.username() + ")"))
                .toList();
    }
}
