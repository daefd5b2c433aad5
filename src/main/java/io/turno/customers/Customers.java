package io.turno.customers;

import java.util.Optional;
import java.util.UUID;

import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;

/**
 * The tenant's registry of people as other modules use it: queueing (tickets), scheduling
 * (patients of appointments), clinical (records). Another tenant's customer is never found.
 * Inactive customers are returned too, with {@code active = false}.
 */
public interface Customers {

    Optional<CustomerView> find(TenantId tenant, UUID customerId);

    /** By document; the number is normalized first, so {@code 1.020.304.050} finds {@code 1020304050}. */
    Optional<CustomerView> findByDocument(TenantId tenant, DocumentType type, String number);

    /**
     * The customer with this document, registering {@code customer} when there is none (audited as a
     * {@code CREATE} by {@code actor}, which may be null for an unattended kiosk). An existing
     * customer is returned unchanged: a kiosk does not overwrite the registry. Safe under concurrent
     * calls for one document: one row, one audit entry.
     *
     * @throws jakarta.validation.ConstraintViolationException when {@code customer} is not valid
     *         (answered as 422 with per-field errors)
     */
    CustomerView findOrCreate(TenantId tenant, NewCustomer customer, Actor actor);

    /** The customer whose sign-in account is {@code userId} (a PATIENT's own record), if one is linked. */
    Optional<CustomerView> findByUser(TenantId tenant, UUID userId);

    /**
     * Links the customer to the sign-in account {@code userId} (audited as an {@code UPDATE}), or
     * unlinks it when {@code userId} is null.
     *
     * @throws io.turno.shared.NotFound when the tenant has no such customer
     * @throws io.turno.shared.BusinessException 409 when the account already belongs to another customer
     */
    void linkUser(TenantId tenant, UUID customerId, UUID userId, Actor actor);

    /**
     * The tenant's people by name whose name, document, email or phone contains {@code text}
     * (everyone when blank), active or not, a page at a time: how reception finds a person.
     */
    PageResult<CustomerView> search(TenantId tenant, String text, int page, int size);

    /**
     * Replaces the person's registry data (audited as an {@code UPDATE} by {@code caller}).
     *
     * @throws io.turno.shared.NotFound when the tenant has no such customer
     * @throws io.turno.shared.BusinessException 409 when another customer has the document
     * @throws jakarta.validation.ConstraintViolationException when {@code customer} is not valid
     */
    CustomerView update(Actor caller, UUID id, NewCustomer customer);
}
