package io.turno.customers.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.customers.DocumentType;
import io.turno.customers.NewCustomer;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's registry of people: register, replace, deactivate, look up by document; every
 * change audited with before and after. Customers are never deleted, because tickets,
 * appointments and records keep pointing at them.
 */
@Service
public class CustomersService implements Customers {

    /** Filters of the list; null matches everything. {@code documentNumber} is compared normalized. */
    public record CustomerQuery(String text, DocumentType documentType, String documentNumber, Boolean active) {

        public CustomerQuery {
            documentNumber =
                    documentNumber == null || documentNumber.isBlank() ? null : DocumentType.normalize(documentNumber);
        }
    }

    /** A validated {@link NewCustomer}, normalized as it is stored. */
    record CustomerCommand(
            DocumentType documentType,
            String documentNumber,
            String fullName,
            String phone,
            String email,
            boolean whatsappOptIn,
            UUID defaultPriorityId,
            boolean active,
            /** Null: a new customer's default (es), a changed one's stored language. */
            String language) {

        static CustomerCommand of(NewCustomer customer) {
            return new CustomerCommand(
                    DocumentType.parse(customer.documentType()).orElseThrow(),
                    DocumentType.normalize(customer.documentNumber()),
                    customer.fullName().strip(),
                    blankToNull(customer.phone()),
                    blankToNull(customer.email()),
                    Boolean.TRUE.equals(customer.whatsappOptIn()),
                    customer.defaultPriorityId(),
                    customer.active() == null || customer.active(),
                    blankToNull(customer.language()));
        }

        String document() {
            return documentType.name() + " " + documentNumber;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    static final class DocumentTaken extends BusinessException {
        DocumentTaken(String document) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ya existe un cliente con el documento " + document + ".");
        }
    }

    static final class AccountTaken extends BusinessException {
        AccountTaken() {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Esa cuenta ya está vinculada a otro cliente.");
        }
    }

    private final JdbcCustomers customers;
    private final AuditLog audit;
    private final Validator validator;

    CustomersService(JdbcCustomers customers, AuditLog audit, Validator validator) {
        this.customers = customers;
        this.audit = audit;
        this.validator = validator;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerView> find(TenantId tenant, UUID customerId) {
        return customers.find(tenant, customerId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerView> findByDocument(TenantId tenant, DocumentType type, String number) {
        if (type == null || number == null || number.isBlank()) {
            return Optional.empty();
        }
        return customers.findByDocument(tenant, type, DocumentType.normalize(number));
    }

    @Override
    @Transactional
    public CustomerView findOrCreate(TenantId tenant, NewCustomer customer, Actor actor) {
        if (actor != null && !actor.tenantId().equals(tenant)) {
            throw new IllegalArgumentException("The actor belongs to tenant " + actor.tenantId() + ", not " + tenant);
        }
        CustomerCommand command = validated(customer);
        var existing = customers.findByDocument(tenant, command.documentType(), command.documentNumber());
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        if (!customers.insertIfAbsent(tenant, id, command)) {
            // Registered by a concurrent call that committed while this one waited on the unique index.
            return customers
                    .findByDocument(tenant, command.documentType(), command.documentNumber())
                    .orElseThrow();
        }
        CustomerView created = customers.find(tenant, id).orElseThrow();
        audit.record(new AuditEntry(
                tenant,
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.username(),
                "CREATE",
                "customer",
                id.toString(),
                Map.of("after", summary(created))));
        return created;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerView> findByUser(TenantId tenant, UUID userId) {
        return userId == null ? Optional.empty() : customers.findByUser(tenant, userId);
    }

    @Override
    @Transactional
    public void linkUser(TenantId tenant, UUID customerId, UUID userId, Actor actor) {
        UUID before = customers.userOf(tenant, customerId).orElse(null);
        if (customers.find(tenant, customerId).isEmpty()) {
            throw new NotFound("Cliente", customerId);
        }
        if (Objects.equals(before, userId)) {
            return;
        }
        try {
            customers.linkUser(tenant, customerId, userId);
        } catch (DuplicateKeyException e) {
            throw new AccountTaken();
        }
        audit.record(new AuditEntry(
                tenant,
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.username(),
                "UPDATE",
                "customer",
                customerId.toString(),
                AuditEntry.change(userField(before), userField(userId))));
    }

    private static Map<String, String> userField(UUID userId) {
        return Collections.singletonMap("user_id", userId == null ? null : userId.toString());
    }

    @Transactional(readOnly = true)
    public PageResult<CustomerView> list(Actor caller, CustomerQuery query, int page, int size) {
        return customers.page(caller.tenantId(), query, page, size);
    }

    @Transactional(readOnly = true)
    public CustomerView get(Actor caller, UUID id) {
        return customers.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Cliente", id));
    }

    @Transactional
    public CustomerView create(Actor caller, NewCustomer customer) {
        CustomerCommand command = validated(customer);
        UUID id = UUID.randomUUID();
        try {
            customers.insert(caller.tenantId(), id, command);
        } catch (DuplicateKeyException e) {
            throw new DocumentTaken(command.document());
        }
        CustomerView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces every field of the customer with {@code customer}. */
    @Override
    @Transactional(readOnly = true)
    public PageResult<CustomerView> search(TenantId tenant, String text, int page, int size) {
        return customers.page(tenant, new CustomerQuery(text, null, null, null), page, size);
    }

    @Override
    @Transactional
    public CustomerView update(Actor caller, UUID id, NewCustomer customer) {
        CustomerCommand command = validated(customer);
        CustomerView before = get(caller, id);
        try {
            customers.update(caller.tenantId(), id, command);
        } catch (DuplicateKeyException e) {
            throw new DocumentTaken(command.document());
        }
        CustomerView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** Deactivates the customer: the row stays for what references it. Already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        CustomerView before = get(caller, id);
        if (customers.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    /** Checks every constraint of {@link NewCustomer}, whoever calls: a violation answers 422 per field. */
    private CustomerCommand validated(NewCustomer customer) {
        var violations = validator.validate(customer);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return CustomerCommand.of(customer);
    }

    private static Map<String, Object> summary(CustomerView customer) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("document_type", customer.documentType().name());
        summary.put("document_number", customer.documentNumber());
        summary.put("full_name", customer.fullName());
        summary.put("phone", customer.phone());
        summary.put("email", customer.email());
        summary.put("whatsapp_opt_in", customer.whatsappOptIn());
        summary.put(
                "default_priority_id",
                customer.defaultPriorityId() == null
                        ? null
                        : customer.defaultPriorityId().toString());
        summary.put("active", customer.active());
        summary.put("language", customer.language());
        return summary;
    }

    private void record(Actor caller, String action, UUID customerId, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "customer", customerId.toString(), summary));
    }
}
