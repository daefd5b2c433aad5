package io.turno.customers.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.customers.CustomerView;
import io.turno.customers.DocumentType;
import io.turno.customers.NewCustomer;
import io.turno.customers.internal.CustomersService;
import io.turno.customers.internal.CustomersService.CustomerQuery;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping(path = "/api/v1/customers", produces = "application/json")
@Tag(name = "customers", description = "The organization's registry of the people it serves")
class CustomersApi {

    private final CustomersService customers;

    CustomersApi(CustomersService customers) {
        this.customers = customers;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('customers:read')")
    @Operation(
            summary = "List customers by name; filter by text (name, document, email, phone), active flag, "
                    + "or look one up by document_type and document_number")
    PageResult<CustomerView> list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(name = "document_type", required = false) DocumentType documentType,
            @RequestParam(name = "document_number", required = false) @Size(max = 40) String documentNumber,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return customers.list(caller, new CustomerQuery(q, documentType, documentNumber, active), page, size);
    }

    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('customers:create')")
    @Operation(summary = "Register a customer; the document (type and number) is unique in the organization")
    CustomerView create(@AuthenticationPrincipal Actor caller, @Valid @RequestBody NewCustomer request) {
        return customers.create(caller, request);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('customers:read')")
    @Operation(summary = "One customer")
    CustomerView get(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return customers.get(caller, id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('customers:update')")
    @Operation(summary = "Replace the customer with the body (same shape as create)")
    CustomerView update(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody NewCustomer request) {
        return customers.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('customers:delete')")
    @Operation(summary = "Deactivate the customer: the record stays for the tickets and appointments that name it")
    void delete(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        customers.deactivate(caller, id);
    }
}
