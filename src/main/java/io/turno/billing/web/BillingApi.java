package io.turno.billing.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.billing.CashReports.DailyCash;
import io.turno.billing.CashReports.PaidTickets;
import io.turno.billing.CashReports.SessionView;
import io.turno.billing.PaymentMethod;
import io.turno.billing.PaymentView;
import io.turno.billing.Payments.ChargeRequest;
import io.turno.billing.Payments.ChargeResult;
import io.turno.billing.internal.BillingReports;
import io.turno.billing.internal.BillingService;
import io.turno.billing.internal.BillingService.DeskPayment;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "billing", description = "Payments and receipts, refunds, till sessions and the daily cash reports")
class BillingApi {

    /**
     * Money taken at the desk. {@code till} puts it in that till's open session; a {@code card_token}
     * charges the card online through the card provider instead of recording a terminal's voucher.
     */
    record PaymentRequest(
            UUID appointmentId,
            @NotNull UUID customerId,
            @Size(max = 300) String concept,
            @NotNull PaymentMethod method,

            @NotNull
            @DecimalMin(value = "0.01")
            @DecimalMax("9999999999.99")
            @Digits(integer = 10, fraction = 2)
            @Schema(type = "string", example = "45000.00")
            BigDecimal amount,

            @Pattern(regexp = "[A-Z]{3}", message = "{validation.currency}")
            String currency,

            @Size(max = 60) String till,

            @Schema(description = "Voucher or transfer number") @Size(max = 120)
            String reference,

            @Size(max = 200) String cardToken,
            @Size(max = 120) String idempotencyKey) {

        DeskPayment payment() {
            return new DeskPayment(
                    new ChargeRequest(
                            appointmentId, customerId, amount, currency, method, cardToken, idempotencyKey, concept),
                    till,
                    reference);
        }
    }

    record RefundRequest(
            @NotNull
            @DecimalMin("0.01")
            @Digits(integer = 10, fraction = 2)
            @Schema(type = "string", example = "10000.00")
            BigDecimal amount,

            @NotBlank @Size(max = 300) String reason,
            @Size(max = 60) String till) {}

    record OpenSessionRequest(
            @NotBlank @Size(max = 60) String till,

            @NotNull
            @DecimalMin("0.00")
            @Digits(integer = 10, fraction = 2)
            @Schema(type = "string", example = "200000.00")
            BigDecimal openingBalance,

            @Pattern(regexp = "[A-Z]{3}", message = "{validation.currency}")
            String currency) {}

    record CloseSessionRequest(
            @NotNull
            @DecimalMin("0.00")
            @Digits(integer = 10, fraction = 2)
            @Schema(type = "string", example = "350000.00")
            BigDecimal countedCash,

            @Size(max = 1000) String notes) {}

    record DailyCashRequest(
            @NotNull LocalDate date, @Size(max = 4) List<@NotNull PaymentMethod> paymentMethods) {}

    record PaidTicketsRequest(@NotNull LocalDate date) {}

    /** The provider declined the charge, or did not answer: nothing was recorded. */
    static final class NotCharged extends BusinessException {
        NotCharged(ChargeResult result) {
            super(
                    result.status() == io.turno.billing.Payments.ChargeStatus.DECLINED
                            ? HttpStatus.PAYMENT_REQUIRED
                            : HttpStatus.GATEWAY_TIMEOUT,
                    result.status() == io.turno.billing.Payments.ChargeStatus.DECLINED
                            ? ProblemCode.BUSINESS_RULE_VIOLATION
                            : ProblemCode.SERVICE_UNAVAILABLE,
                    (result.status() == io.turno.billing.Payments.ChargeStatus.DECLINED
                                    ? "Pago rechazado: "
                                    : "El proveedor de pagos no respondió; no se registró nada: ")
                            + result.reason());
        }
    }

    private final BillingService billing;
    private final BillingReports reports;

    BillingApi(BillingService billing, BillingReports reports) {
        this.billing = billing;
        this.reports = reports;
    }

    @GetMapping("/payments")
    @PreAuthorize("hasAuthority('billing:read')")
    @Operation(summary = "Payments (receipts), newest first; filter by customer or appointment")
    PageResult<PaymentView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "customer_id", required = false) UUID customerId,
            @RequestParam(name = "appointment_id", required = false) UUID appointmentId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return billing.list(caller, customerId, appointmentId, page, size);
    }

    @PostMapping(path = "/payments", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('billing:create')")
    @Operation(
            summary = "Record a payment (partial payments are several); answers its numbered receipt. "
                    + "A declined card is 402, an unanswered provider 504, and nothing is recorded")
    PaymentView pay(@AuthenticationPrincipal Actor caller, @Valid @RequestBody PaymentRequest request) {
        ChargeResult result = billing.take(caller.tenantId(), request.payment(), caller);
        if (result.payment() == null) {
            throw new NotCharged(result);
        }
        return result.payment();
    }

    @GetMapping("/payments/{id}")
    @PreAuthorize("hasAuthority('billing:read')")
    @Operation(summary = "One payment (receipt)")
    PaymentView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return billing.get(caller, id);
    }

    @PostMapping(path = "/payments/{id}/refunds", consumes = "application/json")
    @PreAuthorize("hasAuthority('billing:refund')")
    @Operation(summary = "Give back part or all of a payment; never more than is left of it (409)")
    PaymentView refund(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody RefundRequest request) {
        return billing.refund(caller, id, request.amount(), request.reason(), request.till());
    }

    @GetMapping("/cash-sessions")
    @PreAuthorize("hasAuthority('billing:read')")
    @Operation(summary = "Till sessions, newest first; filter open ones or by business date")
    PageResult<SessionView> sessions(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return billing.sessions(caller, open, date, page, size);
    }

    @PostMapping(path = "/cash-sessions", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('billing:cash')")
    @Operation(summary = "Open a till's session with its opening balance; one open session per till (409)")
    SessionView open(@AuthenticationPrincipal Actor caller, @Valid @RequestBody OpenSessionRequest request) {
        return billing.open(caller, request.till(), request.openingBalance(), request.currency());
    }

    @GetMapping("/cash-sessions/{id}")
    @PreAuthorize("hasAuthority('billing:read')")
    @Operation(summary = "One till session with its money per method")
    SessionView session(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return billing.session(caller, id);
    }

    @PostMapping(path = "/cash-sessions/{id}/close", consumes = "application/json")
    @PreAuthorize("hasAuthority('billing:cash')")
    @Operation(summary = "Close the session with the cash counted; answers expected cash and the difference")
    SessionView close(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @Valid @RequestBody CloseSessionRequest request) {
        return billing.close(caller, id, request.countedCash(), request.notes());
    }

    @PostMapping(path = "/reports/improved-daily-cash", consumes = "application/json")
    @PreAuthorize("hasAuthority('billing:reports')")
    @Operation(
            summary = "The day's cash (organization's time zone): money per method, refunds, tills opened and closed")
    DailyCash dailyCash(@AuthenticationPrincipal Actor caller, @Valid @RequestBody DailyCashRequest request) {
        return reports.dailyCash(caller, request.date(), request.paymentMethods());
    }

    @PostMapping(path = "/reports/daily-paid-tickets", consumes = "application/json")
    @PreAuthorize("hasAuthority('billing:reports')")
    @Operation(summary = "Every receipt of the day (organization's time zone) with totals")
    PaidTickets paidTickets(@AuthenticationPrincipal Actor caller, @Valid @RequestBody PaidTicketsRequest request) {
        return reports.paidTickets(caller, request.date());
    }
}
