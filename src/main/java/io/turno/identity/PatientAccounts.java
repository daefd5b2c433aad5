package io.turno.identity;

import java.util.Map;

import io.turno.shared.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Self-registration from an organization's public pages (seed 004): a PATIENT account, where the
 * organization's setting {@code self_registration} allows it, and the browser signed in as it.
 */
public interface PatientAccounts {

    record NewPatient(String username, String fullName, String email, String password) {

        @Override
        public String toString() {
            return "NewPatient[username=" + username + "]";
        }
    }

    /** Whether the organization lets people open their own account. */
    boolean registrationOpen(TenantId tenant);

    /**
     * What would refuse the account, by field ({@code username}, {@code password}), as message keys:
     * {@code patient.register.usernameTaken}, {@code password.reset.error.weak}. Empty when none.
     */
    Map<String, String> refusals(TenantId tenant, NewPatient patient);

    /**
     * Creates the account (audited) and signs this browser in as it, in a new page session.
     *
     * @throws io.turno.shared.BusinessException when registration is closed or the account is refused
     */
    CurrentUser registerAndSignIn(
            TenantId tenant,
            String tenantSlug,
            NewPatient patient,
            HttpServletRequest request,
            HttpServletResponse response);
}
