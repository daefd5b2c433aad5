package io.turno.catalog.internal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceQuery;
import io.turno.catalog.ServiceView;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's catalog: create, replace, deactivate; every change audited with before
 * and after. Services are never deleted, because tickets and appointments keep pointing at them.
 */
@Service
public class CatalogService implements ServiceCatalog {

    /**
     * What a service is made of, as the API sends it on create and on replace. {@code price} and
     * {@code currency} come together or not at all.
     */
    public record ServiceCommand(
            String code,
            String name,
            String description,
            boolean walkIn,
            boolean bookable,
            Integer durationMinutes,
            BigDecimal price,
            String currency,
            boolean active) {

        public ServiceCommand {
            code = code.strip().toUpperCase(Locale.ROOT);
            name = name.strip();
            description = description == null || description.isBlank() ? null : description.strip();
            if ((price == null) != (currency == null)) {
                throw new IllegalArgumentException("price and currency come together");
            }
        }
    }

    static final class ServiceCodeTaken extends BusinessException {
        ServiceCodeTaken(String code) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ya existe un servicio con el código «" + code + "».");
        }
    }

    private final JdbcServices services;
    private final AuditLog audit;

    CatalogService(JdbcServices services, AuditLog audit) {
        this.services = services;
        this.audit = audit;
    }

    /** Decimals a currency is usually written with (2 for COP and USD, 0 for JPY); -1 when unknown. */
    public static int decimalsOf(String currency) {
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return -1;
        }
    }

    /**
     * One statement, so no transaction of its own: inside the caller's when it has one, else alone.
     * Issuing a ticket reads its service here, and a read-only transaction around the statement
     * cost it a round trip to the database for the commit.
     */
    @Override
    public Optional<ServiceView> find(TenantId tenant, UUID serviceId) {
        return services.find(tenant, serviceId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ServiceView> findByCode(TenantId tenant, String code) {
        return code == null ? Optional.empty() : services.findByCode(tenant, code.strip());
    }

    @Override
    @Transactional(readOnly = true)
    public PageResult<ServiceView> search(TenantId tenant, ServiceQuery query, int page, int size) {
        return services.page(tenant, query, page, size);
    }

    @Transactional(readOnly = true)
    public ServiceView get(Actor caller, UUID id) {
        return services.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Servicio", id));
    }

    @Transactional
    public ServiceView create(Actor caller, ServiceCommand service) {
        UUID id = UUID.randomUUID();
        try {
            services.insert(caller.tenantId(), id, service);
        } catch (DuplicateKeyException e) {
            throw new ServiceCodeTaken(service.code());
        }
        ServiceView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces every field of the service with {@code service}. */
    @Transactional
    public ServiceView update(Actor caller, UUID id, ServiceCommand service) {
        ServiceView before = get(caller, id);
        try {
            services.update(caller.tenantId(), id, service);
        } catch (DuplicateKeyException e) {
            throw new ServiceCodeTaken(service.code());
        }
        ServiceView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** Deactivates the service: it stays for history and for what references it. Already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        ServiceView before = get(caller, id);
        if (services.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    private static Map<String, Object> summary(ServiceView service) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("code", service.code());
        summary.put("name", service.name());
        summary.put("walk_in", service.walkIn());
        summary.put("bookable", service.bookable());
        summary.put("duration_minutes", service.durationMinutes());
        summary.put("price", service.price() == null ? null : service.price().toPlainString());
        summary.put("currency", service.currency());
        summary.put("active", service.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID serviceId, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "service", serviceId.toString(), summary));
    }
}
