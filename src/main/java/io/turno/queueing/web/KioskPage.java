package io.turno.queueing.web;

import java.io.Serializable;
import java.util.UUID;

import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.customers.NewCustomer;
import io.turno.queueing.internal.QueueingDirectory;
import io.turno.queueing.internal.QueueingDirectory.BranchOption;
import io.turno.queueing.internal.QueueingDirectory.ServiceOption;
import io.turno.queueing.internal.QueueingPermissions;
import io.turno.queueing.internal.TicketService;
import io.turno.queueing.internal.TicketService.IssueCommand;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The self-service kiosk of a branch, run by a device signed in as a receptionist: choose a
 * service, optionally identify yourself and say you need preferential attention, take the ticket
 * with a QR code to follow it on your phone. Touch-sized, full screen, no navigation.
 */
@Controller
class KioskPage {

    /** What step 2 posts; the document is optional, the name only needed the first time. */
    record KioskForm(
            UUID serviceId,
            UUID priorityId,
            @Size(max = 10) String documentType,
            @Size(max = 40) String documentNumber,
            @Size(max = 200) String fullName) {}

    /** Step 3, carried over the redirect: nothing personal, only the ticket. */
    record Issued(String number, int position, long estimatedWaitSeconds, String token) implements Serializable {}

    private final QueueingDirectory directory;
    private final TicketService tickets;
    private final Customers customers;
    private final Notices notices;

    KioskPage(QueueingDirectory directory, TicketService tickets, Customers customers, Notices notices) {
        this.directory = directory;
        this.tickets = tickets;
        this.customers = customers;
        this.notices = notices;
    }

    @Bean
    static NavigationEntry kioskNavigation() {
        return new NavigationEntry(
                NavigationSection.SERVICE, "nav.menu.kiosk", "/kiosk", QueueingPermissions.TICKETS_CREATE, 10);
    }

    @PreAuthorize("hasAuthority('tickets:create')")
    @GetMapping("/kiosk")
    String chooseBranch(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("branches", directory.branches(actor.tenantId()));
        model.addAttribute("pageStyle", "/css/queueing.css");
        model.addAttribute("chooser", "kiosk");
        return "queueing/branch-chooser";
    }

    /** Step 1: the services the branch takes by turn. */
    @PreAuthorize("hasAuthority('tickets:create')")
    @GetMapping("/kiosk/{branchId}")
    String services(@AuthenticationPrincipal Actor actor, @PathVariable UUID branchId, Model model) {
        var branch = activeBranch(actor, branchId);
        model.addAttribute("branch", branch);
        model.addAttribute("services", directory.walkInServices(actor.tenantId(), branchId));
        return "queueing/kiosk";
    }

    /** Step 2: document (optional) and priority for the chosen service. */
    @PreAuthorize("hasAuthority('tickets:create')")
    @GetMapping("/kiosk/{branchId}/services/{serviceId}")
    String identify(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID branchId,
            @PathVariable UUID serviceId,
            Model model) {
        var branch = activeBranch(actor, branchId);
        var service = service(actor, branchId, serviceId);
        var priorities = directory.priorities(actor.tenantId());
        UUID preselected = priorities.stream()
                .filter(QueueingDirectory.PriorityOption::isDefault)
                .findFirst()
                .or(() -> priorities.stream().findFirst())
                .map(QueueingDirectory.PriorityOption::id)
                .orElse(null);
        model.addAttribute("kiosk", new KioskForm(serviceId, preselected, DocumentType.CC.name(), null, null));
        return identifyForm(actor, branch, service, model);
    }

    @PreAuthorize("hasAuthority('tickets:create')")
    @PostMapping("/kiosk/{branchId}/tickets")
    String issue(
            @AuthenticationPrincipal Actor actor,
            @PathVariable UUID branchId,
            @Valid @ModelAttribute("kiosk") KioskForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var branch = activeBranch(actor, branchId);
        if (form.serviceId() == null) {
            return "redirect:/kiosk/" + branchId;
        }
        var service = service(actor, branchId, form.serviceId());
        UUID customerId = null;
        NewCustomer customer = null;
        String number = blankToNull(form.documentNumber());
        if (!result.hasErrors() && number != null) {
            var type = DocumentType.parse(form.documentType());
            if (type.isEmpty()) {
                result.rejectValue("documentType", "kiosk.error.documentType");
            } else if (!type.get().accepts(number)) {
                result.rejectValue(
                        "documentNumber",
                        "kiosk.error.documentNumber",
                        new Object[] {type.get().name()},
                        type.get().rule());
            } else if (blankToNull(form.fullName()) != null) {
                customer = new NewCustomer(
                        type.get().name(), number, form.fullName().strip());
            } else {
                var known = customers.findByDocument(actor.tenantId(), type.get(), number);
                if (known.isPresent()) {
                    customerId = known.get().id();
                } else {
                    result.rejectValue("fullName", "kiosk.error.fullName");
                }
            }
        }
        if (!result.hasErrors()) {
            try {
                var issued = tickets.issue(
                        actor, new IssueCommand(branchId, service.id(), customerId, customer, form.priorityId()));
                String statusUrl = issued.statusUrl();
                redirect.addFlashAttribute(
                        "issued",
                        new Issued(
                                issued.number(),
                                issued.position(),
                                issued.estimatedWaitSeconds(),
                                statusUrl.substring(statusUrl.lastIndexOf('/') + 1)));
                return "redirect:/kiosk/" + branchId + "/ticket";
            } catch (ConstraintViolationException e) {
                e.getConstraintViolations().forEach(violation -> {
                    String field = leaf(violation.getPropertyPath().toString());
                    if (field.equals("documentType") || field.equals("documentNumber") || field.equals("fullName")) {
                        result.rejectValue(field, "kiosk.refused", violation.getMessage());
                    } else {
                        result.reject("kiosk.refused", violation.getMessage());
                    }
                });
            } catch (BusinessException e) {
                result.reject(e.code(), e.getMessage());
            }
        }
        return identifyForm(actor, branch, service, model);
    }

    /** Step 3: the number, the wait and the QR code; reloading it (the flash is gone) starts over. */
    @PreAuthorize("hasAuthority('tickets:create')")
    @GetMapping("/kiosk/{branchId}/ticket")
    String ticket(@AuthenticationPrincipal Actor actor, @PathVariable UUID branchId, Model model) {
        var branch = activeBranch(actor, branchId);
        if (!(model.getAttribute("issued") instanceof Issued issued)) {
            return "redirect:/kiosk/" + branchId;
        }
        String statusUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/t/{token}")
                .buildAndExpand(issued.token())
                .toUriString();
        model.addAttribute("branch", branch);
        model.addAttribute("ahead", issued.position() - 1);
        model.addAttribute("waitMinutes", (issued.estimatedWaitSeconds() + 59) / 60);
        model.addAttribute("statusUrl", statusUrl);
        model.addAttribute("qr", QrCodes.svg(statusUrl, notices.message("kiosk.qr.label", issued.number())));
        return "queueing/kiosk-ticket";
    }

    private String identifyForm(Actor actor, BranchOption branch, ServiceOption service, Model model) {
        model.addAttribute("branch", branch);
        model.addAttribute("service", service);
        model.addAttribute("priorities", directory.priorities(actor.tenantId()));
        model.addAttribute("documentTypes", DocumentType.values());
        return "queueing/kiosk-identify";
    }

    private BranchOption activeBranch(Actor actor, UUID branchId) {
        return directory
                .branch(actor.tenantId(), branchId)
                .filter(BranchOption::active)
                .orElseThrow(() -> new NotFound("Sede", branchId));
    }

    private ServiceOption service(Actor actor, UUID branchId, UUID serviceId) {
        return directory.walkInServices(actor.tenantId(), branchId).stream()
                .filter(s -> s.id().equals(serviceId))
                .findFirst()
                .orElseThrow(() -> new NotFound("Servicio", serviceId));
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
