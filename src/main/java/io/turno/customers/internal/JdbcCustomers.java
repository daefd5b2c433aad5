package io.turno.customers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.customers.CustomerView;
import io.turno.customers.DocumentType;
import io.turno.shared.Like;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tenant's customer rows; every statement is tenant-scoped. */
@Repository
class JdbcCustomers {

    private static final String VIEW = """
            SELECT id, document_type, document_number, full_name, phone, email, whatsapp_opt_in, default_priority_id,
                   active, created_at, updated_at, language
            FROM customers
            """;

    private final JdbcClient jdbc;

    JdbcCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PageResult<CustomerView> page(TenantId tenant, CustomersService.CustomerQuery query, int page, int size) {
        String where = """
                WHERE tenant_id = :tenant
                  AND (CAST(:text AS text) IS NULL OR full_name ILIKE '%' || :text || '%'
                       OR document_number ILIKE '%' || :text || '%' OR email ILIKE '%' || :text || '%'
                       OR phone ILIKE '%' || :text || '%')
                  AND (CAST(:type AS text) IS NULL OR document_type = :type)
                  AND (CAST(:number AS text) IS NULL OR document_number = :number)
                  AND (CAST(:active AS boolean) IS NULL OR active = :active)
                """;
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant.value());
        params.put("text", Like.text(query.text()));
        params.put(
                "type",
                query.documentType() == null ? null : query.documentType().name());
        params.put("number", query.documentNumber());
        params.put("active", query.active());
        long total = jdbc.sql("SELECT count(*) FROM customers " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        var items = jdbc.sql(VIEW + where + " ORDER BY lower(full_name), id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(JdbcCustomers::view)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    Optional<CustomerView> find(TenantId tenant, UUID id) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(JdbcCustomers::view)
                .optional();
    }

    Optional<CustomerView> findByDocument(TenantId tenant, DocumentType type, String normalizedNumber) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :tenant AND document_type = :type AND document_number = :number")
                .param("tenant", tenant.value())
                .param("type", type.name())
                .param("number", normalizedNumber)
                .query(JdbcCustomers::view)
                .optional();
    }

    Optional<CustomerView> findByUser(TenantId tenant, UUID userId) {
        return jdbc.sql(VIEW + " WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", userId)
                .query(JdbcCustomers::view)
                .optional();
    }

    Optional<UUID> userOf(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT user_id FROM customers WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .optional();
    }

    boolean linkUser(TenantId tenant, UUID id, UUID userId) {
        return jdbc.sql(
                                "UPDATE customers SET user_id = :user, updated_at = now() WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .param("user", userId)
                        .update()
                == 1;
    }

    void insert(TenantId tenant, UUID id, CustomersService.CustomerCommand customer) {
        jdbc.sql("""
                INSERT INTO customers (id, tenant_id, document_type, document_number, full_name, phone, email,
                                       whatsapp_opt_in, default_priority_id, active, language)
                VALUES (:id, :tenant, :type, :number, :fullName, :phone, :email, :whatsapp, :priority, :active,
                        coalesce(:language, 'es'))
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .params(columns(customer))
                .update();
    }

    /** Inserts unless the tenant already has a customer with this document; answers whether it did. */
    boolean insertIfAbsent(TenantId tenant, UUID id, CustomersService.CustomerCommand customer) {
        return jdbc.sql("""
                INSERT INTO customers (id, tenant_id, document_type, document_number, full_name, phone, email,
                                       whatsapp_opt_in, default_priority_id, active, language)
                VALUES (:id, :tenant, :type, :number, :fullName, :phone, :email, :whatsapp, :priority, :active,
                        coalesce(:language, 'es'))
                ON CONFLICT ON CONSTRAINT customers_document_uq DO NOTHING
                """)
                        .param("id", id)
                        .param("tenant", tenant.value())
                        .params(columns(customer))
                        .update()
                == 1;
    }

    void update(TenantId tenant, UUID id, CustomersService.CustomerCommand customer) {
        jdbc.sql("""
                UPDATE customers
                SET document_type = :type, document_number = :number, full_name = :fullName, phone = :phone,
                    email = :email, whatsapp_opt_in = :whatsapp, default_priority_id = :priority, active = :active,
                    language = coalesce(:language, language), updated_at = now()
                WHERE tenant_id = :tenant AND id = :id
                """)
                .param("id", id)
                .param("tenant", tenant.value())
                .params(columns(customer))
                .update();
    }

    boolean deactivate(TenantId tenant, UUID id) {
        return jdbc.sql(
                                "UPDATE customers SET active = FALSE, updated_at = now() WHERE tenant_id = :tenant AND id = :id AND active")
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                == 1;
    }

    private static Map<String, Object> columns(CustomersService.CustomerCommand customer) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("type", customer.documentType().name());
        columns.put("number", customer.documentNumber());
        columns.put("fullName", customer.fullName());
        columns.put("phone", customer.phone());
        columns.put("email", customer.email());
        columns.put("whatsapp", customer.whatsappOptIn());
        columns.put("priority", customer.defaultPriorityId());
        columns.put("active", customer.active());
        columns.put("language", customer.language());
        return columns;
    }

    private static CustomerView view(ResultSet rs, int row) throws SQLException {
        return new CustomerView(
                rs.getObject("id", UUID.class),
                DocumentType.valueOf(rs.getString("document_type")),
                rs.getString("document_number"),
                rs.getString("full_name"),
                rs.getString("phone"),
                rs.getString("email"),
                rs.getBoolean("whatsapp_opt_in"),
                rs.getObject("default_priority_id", UUID.class),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("language"));
    }
}
