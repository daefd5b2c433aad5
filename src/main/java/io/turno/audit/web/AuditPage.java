package io.turno.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.turno.audit.AuditLog;
import io.turno.audit.AuditLog.AuditQuery;
import io.turno.audit.AuditLog.AuditRecord;
import io.turno.audit.internal.AuditPermissions;
import io.turno.shared.Actor;
import io.turno.shared.Formats;
import io.turno.web.Formatting;
import io.turno.web.Labels;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import org.springframework.context.annotation.Bean;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit viewer. The hash-chain badge is loaded by the page after it renders: walking a long
 * chain takes a while and needs {@code audit:verify}, which not every reader holds.
 */
@Controller
class AuditPage {

    private static final int PAGE_SIZE = 50;

    /** Dates are whole days of the organization's zone (the zone the page shows times in), {@code to} included. */
    record Filter(
            String actor,
            String action,
            String entity,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Integer page) {

        AuditQuery query(ZoneId zone) {
            return new AuditQuery(
                    blankToNull(actor),
                    blankToNull(action),
                    blankToNull(entity),
                    startOf(from, zone),
                    to == null ? null : startOf(to.plusDays(1), zone));
        }

        int pageIndex() {
            return page == null ? 0 : Math.max(0, page);
        }
    }

    /** An entry with its summary as lines to read, and as the JSON it was recorded as. */
    record Row(AuditRecord entry, List<AuditDetails.Line> details, String summary) {}

    /** The actions Turno records, offered by the filter by their labels. */
    static final List<String> ACTIONS = List.of(
            "CREATE",
            "UPDATE",
            "DELETE",
            "READ",
            "LOGIN",
            "LOGIN_FAILED",
            "LOCKED",
            "LOGOUT",
            "TOKEN_REUSE",
            "CANCEL",
            "RESEND",
            "DISPATCH",
            "DELIVERY",
            "OFFER",
            "SYNC");

    private final AuditLog audit;
    private final JsonMapper json;
    private final Formatting formatting;
    private final Labels labels;

    AuditPage(AuditLog audit, JsonMapper json, Formatting formatting, Labels labels) {
        this.audit = audit;
        this.json = json;
        this.formatting = formatting;
        this.labels = labels;
    }

    @Bean
    static NavigationEntry auditNavigation() {
        return new NavigationEntry(NavigationSection.ADMINISTRATION, "nav.audit", "/audit", AuditPermissions.READ, 30);
    }

    /** {@code invalid} is there so a malformed filter value (a bad date) is ignored instead of failing the page. */
    @PreAuthorize("hasAuthority('audit:read')")
    @GetMapping("/audit")
    String list(
            @AuthenticationPrincipal Actor actor,
            @ModelAttribute("filter") Filter filter,
            BindingResult invalid,
            Model model) {
        Formats formats = formatting.current();
        Labels.Words words = labels.current();
        model.addAttribute("actions", ACTIONS);
        model.addAttribute(
                "entries",
                audit.search(actor.tenantId(), filter.query(formats.zone()), filter.pageIndex(), PAGE_SIZE)
                        .map(entry -> new Row(
                                entry,
                                AuditDetails.of(entry.summary(), formats, words),
                                json.writeValueAsString(entry.summary()))));
        return "audit/audit";
    }

    @PreAuthorize("hasAuthority('audit:verify')")
    @GetMapping("/audit/chain")
    String chain(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("chain", audit.verify(actor.tenantId()));
        return "audit/audit :: chain";
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
