package io.turno.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.turno.identity.CurrentUser;
import io.turno.identity.PatientAccounts;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PatientAccounts}: the account is written like {@code POST /api/v1/auth/register} writes it,
 * then signed in through the login form's own provider, so the page session is the one a sign-in
 * opens (a session row, the same limits) and the session id changes as at every sign-in.
 */
@Service
class PatientSignUp implements PatientAccounts {

    private final IdentityStore store;
    private final AuthService auth;
    private final Users users;
    private final TenantUserAuthenticationProvider signIn;
    private final TransactionTemplate transactions;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PatientSignUp(
            IdentityStore store,
            AuthService auth,
            Users users,
            TenantUserAuthenticationProvider signIn,
            TransactionTemplate transactions) {
        this.store = store;
        this.auth = auth;
        this.users = users;
        this.signIn = signIn;
        this.transactions = transactions;
    }

    @Override
    public boolean registrationOpen(TenantId tenant) {
        return store.selfRegistrationOpen(tenant);
    }

    @Override
    public Map<String, String> refusals(TenantId tenant, NewPatient patient) {
        var refusals = new LinkedHashMap<String, String>();
        // Sign-in takes a username or an email: neither may already sign in to another account.
        if (patient.username() != null
                && TenantScope.call(tenant, () -> users.signsInAs(tenant, patient.username(), null))) {
            refusals.put("username", "patient.register.usernameTaken");
        }
        if (patient.email() != null
                && !patient.email().isBlank()
                && TenantScope.call(
                        tenant, () -> users.signsInAs(tenant, patient.email().strip(), null))) {
            refusals.put("email", "patient.register.emailTaken");
        }
        try {
            PasswordPolicy.require(patient.password());
        } catch (AuthenticationFailures.WeakPassword weak) {
            refusals.put("password", "password.reset.error.weak");
        }
        return refusals;
    }

    @Override
    public CurrentUser registerAndSignIn(
            TenantId tenant,
            String tenantSlug,
            NewPatient patient,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!store.selfRegistrationOpen(tenant)) {
            throw new AuthService.RegistrationClosed();
        }
        PasswordPolicy.require(patient.password());
        TenantScope.run(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    auth.addPatient(
                            tenant, patient.username(), patient.fullName(), patient.email(), patient.password());
                }));
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(patient.username(), patient.password());
        attempt.setDetails(new TenantLoginDetails(tenantSlug, request.getHeader("User-Agent"), null));
        var authentication = signIn.authenticate(attempt);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return (CurrentUser) authentication.getPrincipal();
    }
}
