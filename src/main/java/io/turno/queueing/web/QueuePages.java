package io.turno.queueing.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceQuery;
import io.turno.queueing.internal.BranchService;
import io.turno.queueing.internal.ConfigurationFailures.FieldFailure;
import io.turno.queueing.internal.QueueService;
import io.turno.queueing.internal.QueueService.QueueFilter;
import io.turno.queueing.internal.QueueService.QueueView;
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

/** Queues as pages: the list with what waits in each, and one form to add or change a queue and its services. */
@Controller
@RequestMapping("/queueing/queues")
class QueuePages {

    static final String PATH = "/queueing/queues";

    /** A choice in a form: a value and what the person reads. */
    record Option(UUID id, String label) {}

    public static class QueueForm {

        private UUID branchId;
        private String name;
        private String prefix;
        private List<UUID> serviceIds = new ArrayList<>();
        private boolean active = true;

        static QueueForm of(QueueView queue) {
            var form = new QueueForm();
            form.branchId = queue.branchId();
            form.name = queue.name();
            form.prefix = queue.prefix();
            form.serviceIds = new ArrayList<>(queue.serviceIds());
            form.active = queue.active();
            return form;
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

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public List<UUID> getServiceIds() {
            return serviceIds;
        }

        public void setServiceIds(List<UUID> serviceIds) {
            this.serviceIds = serviceIds;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    private final QueueService queues;
    private final BranchService branches;
    private final ServiceCatalog catalog;
    private final Validator validator;

    QueuePages(QueueService queues, BranchService branches, ServiceCatalog catalog, Validator validator) {
        this.queues = queues;
        this.branches = branches;
        this.catalog = catalog;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('queues:read')")
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) String q,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("branchId", branchId);
        model.addAttribute("branches", branches.list(caller, null, null, 0, 200).items());
        model.addAttribute(
                "result",
                queues.list(
                        caller, new QueueFilter(branchId, null, Pages.text(q), null), Pages.page(page), Pages.SIZE));
        return "queueing/queues";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('queues:create')")
    String createForm(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "branch_id", required = false) UUID branchId,
            Model model) {
        var form = new QueueForm();
        form.setBranchId(branchId);
        return form(caller, model, null, form);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('queues:create')")
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("form") QueueForm form,
            BindingResult binding,
            Model model) {
        var request = request(form, binding);
        if (request != null) {
            try {
                queues.create(caller, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            }
        }
        return form(caller, model, null, form);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('queues:update')")
    String editForm(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        QueueView queue = queues.get(caller, id);
        return form(caller, model, queue, QueueForm.of(queue));
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('queues:update')")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("form") QueueForm form,
            BindingResult binding,
            Model model) {
        QueueView queue = queues.get(caller, id);
        form.setBranchId(queue.branchId()); // the branch is shown, not edited
        var request = request(form, binding);
        if (request != null) {
            try {
                queues.update(caller, id, request.command());
                return "redirect:" + PATH + "?saved";
            } catch (FieldFailure refused) {
                FormErrors.reject(binding, refused.field(), refused.getMessage());
            }
        }
        return form(caller, model, queue, form);
    }

    @PostMapping("/{id}/deactivate")
    @PreAuthorize("hasAuthority('queues:delete')")
    String deactivate(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        queues.deactivate(caller, id);
        return "redirect:" + PATH + "?saved";
    }

    private QueuesApi.QueueRequest request(QueueForm form, BindingResult binding) {
        var request = new QueuesApi.QueueRequest(
                form.getBranchId(),
                form.getName(),
                form.getPrefix(),
                form.getServiceIds() == null
                        ? List.of()
                        : form.getServiceIds().stream()
                                .filter(java.util.Objects::nonNull)
                                .toList(),
                form.isActive());
        boolean invalid = FormErrors.validate(validator, request, binding);
        return invalid || binding.hasErrors() ? null : request;
    }

    private String form(Actor caller, Model model, QueueView queue, QueueForm form) {
        model.addAttribute("queue", queue);
        model.addAttribute("form", form);
        model.addAttribute(
                "branches",
                branches.list(caller, null, true, 0, 200).items().stream()
                        .map(b -> new Option(b.id(), b.name()))
                        .toList());
        // Services a queue can take: the active walk-in ones, and those it already takes whatever they are now.
        Map<UUID, Option> services = new LinkedHashMap<>();
        catalog.search(caller.tenantId(), new ServiceQuery(null, true, true, null), 0, 200)
                .items()
                .forEach(s -> services.put(s.id(), new Option(s.id(), s.code() + " · " + s.name())));
        if (queue != null) {
            queue.services()
                    .forEach(s -> services.putIfAbsent(s.id(), new Option(s.id(), s.code() + " · " + s.name())));
        }
        model.addAttribute("services", List.copyOf(services.values()));
        return "queueing/queue-form";
    }
}
