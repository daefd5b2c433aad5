package io.turno.identity.internal;

import java.util.stream.Stream;

import io.turno.identity.internal.AuthenticationFailures.AccountLocked;
import io.turno.identity.internal.AuthenticationFailures.InvalidCredentials;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** The login form's way in: the same {@link Authenticator} as the API, answers in Spring Security's terms. */
@Component
class TenantUserAuthenticationProvider implements AuthenticationProvider {

    private final Authenticator authenticator;
    private final AuthService auth;

    TenantUserAuthenticationProvider(Authenticator authenticator, AuthService auth) {
        this.authenticator = authenticator;
        this.auth = auth;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var details = authentication.getDetails() instanceof TenantLoginDetails d
                ? d
                : new TenantLoginDetails("", null, null);
        try {
            var account = authenticator.authenticate(
                    details.tenant(), authentication.getName(), String.valueOf(authentication.getCredentials()), "web");
            var result = UsernamePasswordAuthenticationToken.authenticated(
                    account.toCurrentUser(), null, authorities(account.roles(), account.permissions()));
            result.setDetails(details.withSession(auth.openWebSession(account, details.userAgent())));
            return result;
        } catch (AccountLocked e) {
            throw new LockedException(e.getMessage());
        } catch (InvalidCredentials e) {
            throw new BadCredentialsException(e.getMessage());
        }
    }

    static java.util.List<GrantedAuthority> authorities(
            java.util.Set<String> roles, java.util.Set<String> permissions) {
        return Stream.concat(roles.stream().map(r -> "ROLE_" + r), permissions.stream())
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
