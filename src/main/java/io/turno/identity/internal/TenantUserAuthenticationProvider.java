package io.turno.identity.internal;

import java.util.Map;
import java.util.stream.Stream;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.CurrentUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks {@code tenant + username + password}. Every failure reads the same ("Credenciales
 * inválidas"): the caller never learns whether the tenant, the user or the password was wrong.
 */
@Component
class TenantUserAuthenticationProvider implements AuthenticationProvider {

    static final String INVALID_CREDENTIALS = "Credenciales inválidas";

    private final IdentityStore store;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    // Compared against when the account does not exist, so both paths cost one hash verification.
    private final String dummyHash;

    TenantUserAuthenticationProvider(IdentityStore store, PasswordEncoder passwords, AuditLog audit) {
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.dummyHash = passwords.encode("not-a-real-password-0");
    }

    @Override
    @Transactional(noRollbackFor = AuthenticationException.class)
    public Authentication authenticate(Authentication authentication) {
        var details = authentication.getDetails() instanceof TenantLoginDetails d ? d : new TenantLoginDetails("", null, null);
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        var account = store.loginAccount(details.tenant(), username).orElse(null);
        if (account == null) {
            passwords.matches(password, dummyHash);
            throw new BadCredentialsException(INVALID_CREDENTIALS);
        }
        if (!passwords.matches(password, account.passwordHash()) || !account.active() || !account.tenantActive()) {
            audit.record(new AuditEntry(account.tenantId(), account.userId(), account.username(), "LOGIN_FAILED",
                    "user", account.userId().toString(), Map.of(), details.ip()));
            throw new BadCredentialsException(INVALID_CREDENTIALS);
        }
        store.recordLogin(account.userId());
        audit.record(new AuditEntry(account.tenantId(), account.userId(), account.username(), "LOGIN", "user",
                account.userId().toString(), Map.of("channel", "web"), details.ip()));
        var user = new CurrentUser(account.userId(), account.tenantId(), account.tenantSlug(), account.username(),
                account.fullName(), account.roles(), account.permissions());
        var authorities = Stream.concat(account.roles().stream().map(r -> "ROLE_" + r), account.permissions().stream())
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
        var result = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        result.setDetails(details);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
