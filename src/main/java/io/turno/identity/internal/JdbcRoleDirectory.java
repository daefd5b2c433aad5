package io.turno.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.turno.identity.RoleDirectory;
import io.turno.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@link RoleDirectory} over the roles table; every statement is tenant-scoped. */
@Repository
@Transactional(readOnly = true)
class JdbcRoleDirectory implements RoleDirectory {

    private static final String SUMMARY = "SELECT code, name, built_in, permissions FROM roles ";

    private final JdbcClient jdbc;

    JdbcRoleDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RoleSummary> customRoles(TenantId tenant) {
        return jdbc.sql(SUMMARY + "WHERE tenant_id = :t AND NOT built_in ORDER BY code")
                .param("t", tenant.value())
                .query(JdbcRoleDirectory::summary)
                .list();
    }

    @Override
    public Optional<RoleSummary> role(TenantId tenant, String code) {
        return jdbc.sql(SUMMARY + "WHERE tenant_id = :t AND code = :code")
                .param("t", tenant.value())
                .param("code", code)
                .query(JdbcRoleDirectory::summary)
                .optional();
    }

    private static RoleSummary summary(ResultSet rs, int row) throws SQLException {
        return new RoleSummary(
                rs.getString("code"),
                rs.getString("name"),
                rs.getBoolean("built_in"),
                new TreeSet<>(
                        Arrays.asList((String[]) rs.getArray("permissions").getArray())));
    }
}
