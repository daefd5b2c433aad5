package io.turno.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentStatus;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentBooking;
import io.turno.scheduling.internal.AppointmentBooking.BookCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.scheduling.internal.AppointmentQueries.Filter;
import io.turno.scheduling.internal.AppointmentQueries.Slot;
import io.turno.scheduling.internal.AppointmentTransitions;
import io.turno.scheduling.internal.PractitionerService;
import io.turno.scheduling.internal.PractitionerView;
import io.turno.scheduling.internal.SchedulingPermissions;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The appointment pages: the agenda of a practitioner by day or week (a free slot is a link to book
 * it), the booking form whose slots follow the chosen practitioner, service and date, an
 * appointment with the status moves the caller may make, and the patient's own appointments.
 * Every action posts and redirects with a notice; a refusal is that notice, in the service's words.
 */
@Controller
class SchedulingPages {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private static final String CHOOSE_SLOT = "scheduling.book.chooseSlot.field";

    /** Billing's permission to take a payment at the desk, which the pay link leads to. */
    private static final String TAKE_PAYMENTS = "billing:create";

    /** The booking form: what the chooser (therapist, service, date) and the booking itself send. */
    public static class BookingForm {

        private UUID therapist;
        private UUID service;
        private LocalDate date;
        private String start;
        private String documentType = "CC";
        private String documentNumber;
        private String notes;

        public UUID getTherapist() {
            return therapist;
        }

        public void setTherapist(UUID therapist) {
            this.therapist = therapist;
        }

        public UUID getService() {
            return service;
        }

        public void setService(UUID service) {
            this.service = service;
        }

        public LocalDate getDate() {
            return date;
        }

        public void setDate(LocalDate date) {
            this.date = date;
        }

        public String getStart() {
            return start;
        }

        public void setStart(String start) {
            this.start = start;
        }

        public String getDocumentType() {
            return documentType;
        }

        public void setDocumentType(String documentType) {
            this.documentType = documentType;
        }

        public String getDocumentNumber() {
            return documentNumber;
        }

        public void setDocumentNumber(String documentNumber) {
            this.documentNumber = documentNumber;
        }

        public String getNotes() {
            return notes;
        }

        public void setNotes(String notes) {
            this.notes = notes;
        }
    }

    /** The cancel form of an appointment: the reason, kept as typed when the cancellation is refused. */
    public static class CancelForm {

        private String reason;

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }
    }

    /**
     * One line of an agenda day: an appointment (with whether the caller may cancel it here), or a
     * free slot to book.
     */
    record AgendaLine(
            String time,
            AppointmentView appointment,
            String patientName,
            String serviceName,
            String slotStart,
            boolean cancellable) {}

    record AgendaDay(LocalDate date, List<AgendaLine> lines) {}

    private final AppointmentQueries appointments;
    private final AppointmentBooking booking;
    private final AppointmentTransitions transitions;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final MessageSource messages;
    private final Validator validator;
    private final Notices notices;

    SchedulingPages(
            AppointmentQueries appointments,
            AppointmentBooking booking,
            AppointmentTransitions transitions,
            PractitionerService practitioners,
            ServiceCatalog catalog,
            Customers customers,
            MessageSource messages,
            Validator validator,
            Notices notices) {
        this.notices = notices;
        this.appointments = appointments;
        this.booking = booking;
        this.transitions = transitions;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.customers = customers;
        this.messages = messages;
        this.validator = validator;
    }

    @Bean
    static NavigationEntry agendaNavigation() {
        return new NavigationEntry(
                NavigationSection.CLINIC,
                "nav.agenda",
                "/agenda",
                SchedulingPermissions.APPOINTMENTS_STATUS,
                10,
                List.of("/appointments"));
    }

    @Bean
    static NavigationEntry myAppointmentsNavigation() {
        return new NavigationEntry(
                NavigationSection.ACCOUNT,
                "nav.myAppointments",
                "/my-appointments",
                SchedulingPermissions.APPOINTMENTS_SELF,
                20);
    }

    @PreAuthorize("hasAuthority('appointments:read')")
    @GetMapping("/agenda")
    String agenda(
            @AuthenticationPrincipal CurrentUser caller,
            @RequestParam(required = false) UUID therapist,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(defaultValue = "day") String view,
            @RequestParam(required = false) UUID service,
            Model model) {
        boolean all = caller.can(SchedulingPermissions.APPOINTMENTS_ALL);
        var own = practitioners.findByUser(caller.tenantId(), caller.userId());
        if (!all && own.isEmpty()) {
            return "redirect:/my-appointments";
        }
        List<PractitionerView> choices =
                all ? practitioners.list(caller.tenantId(), null, true, 0, 200).items() : List.of(own.get());
        Optional<PractitionerView> chosen = Optional.ofNullable(therapist)
                .flatMap(id -> choices.stream().filter(p -> p.id().equals(id)).findFirst())
                .or(() -> own)
                .or(() -> choices.stream().findFirst());
        model.addAttribute("practitioners", choices);
        model.addAttribute("view", "week".equals(view) ? "week" : "day");
        if (chosen.isEmpty()) {
            model.addAttribute("practitioner", null);
            return "scheduling/agenda";
        }
        var practitioner = chosen.get();
        var zone = java.time.ZoneId.of(practitioner.timeZone());
        LocalDate from = date == null ? LocalDate.now(zone) : date;
        LocalDate to = "week".equals(view) ? from.plusDays(6) : from;
        var services = services(caller.tenantId(), practitioner);
        UUID serviceId = service != null && practitioner.serviceIds().contains(service)
                ? service
                : services.isEmpty() ? null : services.getFirst().id();
        boolean books = all && caller.can(SchedulingPermissions.APPOINTMENTS_CREATE);
        var names = new HashMap<UUID, String>();
        var serviceNames = new HashMap<UUID, String>();
        services.forEach(s -> serviceNames.put(s.id(), s.name()));
        Map<LocalDate, List<AgendaLine>> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new ArrayList<>());
        }
        // As the appointment's page offers it: staff who cancel, never on their own agenda, before the session starts.
        boolean cancels = all
                && caller.can(SchedulingPermissions.APPOINTMENTS_CANCEL)
                && !caller.userId().equals(practitioner.userId());
        for (AppointmentView a : appointments.agenda(caller, practitioner.id(), from, to, false)) {
            days.get(a.start().toLocalDate())
                    .add(new AgendaLine(
                            a.start().format(TIME) + "–" + a.end().format(TIME),
                            a,
                            names.computeIfAbsent(a.patientId(), id -> patientName(caller.tenantId(), id)),
                            serviceNames.computeIfAbsent(a.serviceId(), id -> serviceName(caller.tenantId(), id)),
                            null,
                            cancels && a.status().canMoveTo(AppointmentStatus.CANCELLED)));
        }
        if (books && serviceId != null) {
            for (Slot slot : appointments
                    .available(caller.tenantId(), practitioner.id(), serviceId, from, to)
                    .slots()) {
                days.get(slot.start().toLocalDate())
                        .add(new AgendaLine(
                                slot.start().format(TIME),
                                null,
                                null,
                                null,
                                slot.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                                false));
            }
        }
        days.values().forEach(lines -> lines.sort(Comparator.comparing(AgendaLine::time)));
        model.addAttribute("practitioner", practitioner);
        model.addAttribute("services", services);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("date", from);
        model.addAttribute("previous", from.minusDays("week".equals(view) ? 7 : 1));
        model.addAttribute("next", from.plusDays("week".equals(view) ? 7 : 1));
        model.addAttribute(
                "days",
                days.entrySet().stream()
                        .map(e -> new AgendaDay(e.getKey(), e.getValue()))
                        .toList());
        model.addAttribute("books", books);
        model.addAttribute("moves", all && caller.can(SchedulingPermissions.APPOINTMENTS_UPDATE));
        return "scheduling/agenda";
    }

    @PreAuthorize("hasAuthority('appointments:create')")
    @GetMapping("/appointments/new")
    String bookingForm(
            @AuthenticationPrincipal CurrentUser caller,
            @ModelAttribute("form") BookingForm form,
            BindingResult binding,
            Model model) {
        // A therapist, service or date the address cannot read is that field's error; the page shows the defaults.
        return bookingPage(caller, form, model);
    }

    /**
     * Every refusal at once, next to its field (no time chosen, an unknown patient, notes too long),
     * then the booking's own; a refused form comes back as it was typed.
     */
    @PreAuthorize("hasAuthority('appointments:create')")
    @PostMapping("/appointments/new")
    String book(
            @AuthenticationPrincipal CurrentUser caller,
            @ModelAttribute("form") BookingForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        OffsetDateTime when = FormErrors.parse(binding, "start", form.getStart(), OffsetDateTime::parse, CHOOSE_SLOT);
        if (when == null) {
            FormErrors.rejectKey(binding, "start", CHOOSE_SLOT);
        }
        UUID patient = null;
        if (caller.can(SchedulingPermissions.APPOINTMENTS_ALL)) {
            var type = DocumentType.parse(form.getDocumentType());
            if (type.isEmpty()) {
                FormErrors.rejectKey(binding, "documentType", "jakarta.validation.constraints.NotNull.message");
            } else if (form.getDocumentNumber() == null
                    || form.getDocumentNumber().isBlank()) {
                FormErrors.rejectKey(binding, "documentNumber", "jakarta.validation.constraints.NotBlank.message");
            } else {
                patient = customers
                        .findByDocument(
                                caller.tenantId(),
                                type.get(),
                                form.getDocumentNumber().strip())
                        .map(CustomerView::id)
                        .orElse(null);
                if (patient == null) {
                    FormErrors.rejectKey(
                            binding,
                            "documentNumber",
                            "scheduling.book.unknownPatientNumber",
                            type.get().name(),
                            form.getDocumentNumber().strip());
                }
            }
        } else {
            patient = appointments.ownPatient(caller).orElse(null);
        }
        String notes = form.getNotes() == null || form.getNotes().isBlank()
                ? null
                : form.getNotes().strip();
        FormErrors.validate(
                validator,
                new AppointmentsApi.BookRequest(patient, form.getTherapist(), form.getService(), when, notes),
                binding,
                Map.of("therapistId", "therapist", "serviceId", "service"));
        if (!binding.hasErrors()) {
            try {
                var booked = booking.book(
                        caller, new BookCommand(patient, form.getTherapist(), form.getService(), when, notes));
                notices.success(
                        redirect, "scheduling.notice.booked", booked.start().format(TIME));
                return "redirect:/appointments/" + booked.id();
            } catch (BusinessException refused) {
                FormErrors.reject(binding, null, refused.getMessage());
            }
        }
        return bookingPage(caller, form, model);
    }

    private String bookingPage(CurrentUser caller, BookingForm form, Model model) {
        var choices = practitioners.list(caller.tenantId(), null, true, 0, 200).items();
        var practitioner = choices.stream()
                .filter(p -> p.id().equals(form.getTherapist()))
                .findFirst()
                .or(() -> choices.stream().findFirst())
                .orElse(null);
        model.addAttribute("practitioners", choices);
        model.addAttribute("practitioner", practitioner);
        model.addAttribute("staff", caller.can(SchedulingPermissions.APPOINTMENTS_ALL));
        model.addAttribute("documentTypes", DocumentType.values());
        OffsetDateTime wanted = parse(form.getStart());
        if (practitioner == null) {
            return "scheduling/book";
        }
        var zone = java.time.ZoneId.of(practitioner.timeZone());
        LocalDate day = wanted != null
                ? wanted.atZoneSameInstant(zone).toLocalDate()
                : form.getDate() != null ? form.getDate() : LocalDate.now(zone);
        var services = services(caller.tenantId(), practitioner);
        UUID serviceId = form.getService() != null && practitioner.serviceIds().contains(form.getService())
                ? form.getService()
                : services.isEmpty() ? null : services.getFirst().id();
        model.addAttribute("services", services);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("date", day);
        model.addAttribute("start", wanted == null ? null : wanted.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        model.addAttribute(
                "slots",
                serviceId == null
                        ? List.of()
                        : appointments
                                .available(caller.tenantId(), practitioner.id(), serviceId, day, day)
                                .slots()
                                .stream()
                                .map(s -> Map.of(
                                        "value",
                                        s.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                                        "label",
                                        s.start().format(TIME) + "–" + s.end().format(TIME)))
                                .toList());
        return "scheduling/book";
    }

    @PreAuthorize("hasAuthority('appointments:read')")
    @GetMapping("/appointments/{id}")
    String detail(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        var appointment = appointments.get(caller, id);
        boolean all = caller.can(SchedulingPermissions.APPOINTMENTS_ALL);
        boolean ownAgenda = practitioners
                .findByUser(caller.tenantId(), caller.userId())
                .map(p -> p.id().equals(appointment.therapistId()))
                .orElse(false);
        model.addAttribute("appointment", appointment);
        if (!model.containsAttribute("cancelForm")) {
            model.addAttribute("cancelForm", new CancelForm());
        }
        model.addAttribute("patientName", patientName(caller.tenantId(), appointment.patientId()));
        model.addAttribute("serviceName", serviceName(caller.tenantId(), appointment.serviceId()));
        model.addAttribute("date", appointment.start().toLocalDate());
        model.addAttribute(
                "time",
                appointment.start().format(TIME) + "–" + appointment.end().format(TIME));
        model.addAttribute(
                "moves",
                caller.can(SchedulingPermissions.APPOINTMENTS_STATUS) && (all || ownAgenda)
                        ? appointment.status().next().stream()
                                .filter(s -> s != AppointmentStatus.CANCELLED)
                                .toList()
                        : List.of());
        model.addAttribute(
                "cancellable",
                caller.can(SchedulingPermissions.APPOINTMENTS_CANCEL)
                        && appointment.status().canMoveTo(AppointmentStatus.CANCELLED)
                        && !ownAgenda);
        model.addAttribute(
                "movable",
                caller.can(SchedulingPermissions.APPOINTMENTS_UPDATE)
                        && appointment.status().changeable()
                        && !ownAgenda);
        boolean payable = all && caller.can(TAKE_PAYMENTS) && appointment.status() != AppointmentStatus.CANCELLED;
        model.addAttribute("payable", payable);
        if (payable) {
            model.addAttribute("payLink", payLink(caller.tenantId(), appointment));
        }
        return "scheduling/appointment";
    }

    @PreAuthorize("hasAuthority('appointments:status')")
    @PostMapping("/appointments/{id}/status")
    String status(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam String status,
            RedirectAttributes redirect) {
        try {
            var target = AppointmentStatus.valueOf(status);
            var after = transitions.changeStatus(caller, id, target, null);
            notices.success(
                    redirect, "scheduling.notice.status", notices.message("scheduling.status." + after.status()));
        } catch (IllegalArgumentException unknown) {
            notices.failureKey(redirect, "scheduling.error.status");
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/appointments/" + id;
    }

    /**
     * Cancels with the reason typed (the API's rules: up to 500 characters); a refusal (too long, the
     * patient's notice, a session already started) comes back on the appointment's page next to the
     * reason, as typed. An appointment the caller may not see stays a 404.
     */
    @PreAuthorize("hasAuthority('appointments:cancel')")
    @PostMapping("/appointments/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("cancelForm") CancelForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        String reason = form.getReason() == null || form.getReason().isBlank()
                ? null
                : form.getReason().strip();
        FormErrors.validate(validator, new AppointmentsApi.CancelRequest(reason), binding);
        if (!binding.hasErrors()) {
            try {
                transitions.cancel(caller, id, reason);
                notices.success(redirect, "scheduling.notice.cancelled");
                return "redirect:/appointments/" + id;
            } catch (NotFound unseen) {
                throw unseen;
            } catch (BusinessException refused) {
                FormErrors.refuse(binding, refused, "reason");
            }
        }
        String page = detail(caller, id, model);
        if (Boolean.FALSE.equals(model.getAttribute("cancellable")) && binding.hasErrors()) {
            // No form left to show it next to (the appointment moved on meanwhile): said above the page.
            model.addAttribute("failure", binding.getAllErrors().getFirst().getDefaultMessage());
        }
        return page;
    }

    @PreAuthorize("hasAuthority('appointments:self')")
    @GetMapping("/my-appointments")
    String mine(@AuthenticationPrincipal CurrentUser caller, Model model) {
        var own = appointments.ownPatient(caller);
        model.addAttribute("linked", own.isPresent());
        var upcoming = own.isEmpty()
                ? List.<AppointmentView>of()
                : appointments
                        .list(
                                caller,
                                new Filter(own.get(), null, null, LocalDate.now(appointments.zoneOf(caller)), null),
                                0,
                                100)
                        .items();
        var serviceNames = new HashMap<UUID, String>();
        model.addAttribute(
                "appointments",
                upcoming.stream()
                        .map(a -> new AgendaLine(
                                a.start().format(TIME),
                                a,
                                null,
                                serviceNames.computeIfAbsent(a.serviceId(), id -> serviceName(caller.tenantId(), id)),
                                null,
                                false))
                        .toList());
        return "scheduling/mine";
    }

    private List<ServiceView> services(TenantId tenant, PractitionerView practitioner) {
        return practitioner.serviceIds().stream()
                .map(id -> catalog.find(tenant, id))
                .flatMap(Optional::stream)
                .filter(ServiceView::active)
                .toList();
    }

    /** The payment form filled in for the appointment: its patient, the service as concept and its price. */
    private String payLink(TenantId tenant, AppointmentView appointment) {
        var uri = UriComponentsBuilder.fromPath("/billing/payments/new").queryParam("appointmentId", appointment.id());
        customers
                .find(tenant, appointment.patientId())
                .ifPresent(patient -> uri.queryParam(
                                "documentType", patient.documentType().name())
                        .queryParam("documentNumber", patient.documentNumber()));
        catalog.find(tenant, appointment.serviceId()).ifPresent(service -> {
            uri.queryParam("concept", service.name());
            if (service.price() != null) {
                uri.queryParam("amount", service.price().toPlainString());
            }
        });
        return uri.encode().build().toUriString();
    }

    private String patientName(TenantId tenant, UUID customerId) {
        return customers.find(tenant, customerId).map(CustomerView::fullName).orElse("—");
    }

    private String serviceName(TenantId tenant, UUID serviceId) {
        return catalog.find(tenant, serviceId).map(ServiceView::name).orElse("—");
    }

    private static OffsetDateTime parse(String start) {
        try {
            return start == null || start.isBlank() ? null : OffsetDateTime.parse(start.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
