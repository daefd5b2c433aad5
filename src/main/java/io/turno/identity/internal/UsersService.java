package io.turno.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.CurrentUser;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users of the caller's tenant: create, change, deactivate; every change audited with before and after. */
@Service
public class UsersService {

    /** A user as the API shows it: never the password hash. */
    public record UserView(
            UUID id,
            String username,
            @Nullable String email,
            String fullName,
            boolean active,
            SortedSet<String> roles,
            @Nullable Instant lockedUntil,
            @Nullable Instant lastLoginAt,
            Instant createdAt,
            Instant updatedAt,
            /** es or en: the language messages to them (alerts) are written in. */
            String language) {}

    /** {@code language} null: Spanish. */
    public record NewUser(
            String username,
            String fullName,
            String email,
            String password,
            Set<String> roles,
            Boolean active,
            @Nullable String language) {

        public NewUser(
                String username, String fullName, String email, String password, Set<String> roles, Boolean active) {
            this(username, fullName, email, password, roles, active, null);
        }
    }

    /** Null fields are left as they are. */
    public record UserChange(
            String fullName,
            String email,
            Set<String> roles,
            Boolean active,
            String password,
            @Nullable String language) {

        public UserChange(String fullName, String email, Set<String> roles, Boolean active, String password) {
            this(fullName, email, roles, active, password, null);
        }
    }

    /**
     * An email (or a username) another account of the organization already signs in with, as its
     * username or its email: sign-in by either would not know which account is meant.
     */
    public static final class LoginTaken extends BusinessException {

        private final String field;
        private final String value;

        LoginTaken(String field, String value) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "«" + value + "» ya es el usuario o el correo de otra cuenta de la organización;"
                            + " cada uno inicia sesión en una sola cuenta.");
            this.field = field;
            this.value = value;
        }

        /** {@code email} or {@code username}. */
        public String field() {
            return field;
        }

        public String value() {
            return value;
        }

        @Override
        public Map<String, String> fieldErrors() {
            return Map.of(field, getMessage());
        }
    }

    public static final class UsernameTaken extends BusinessException {
        UsernameTaken(String username) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "El usuario «" + username + "» ya existe en la organización.");
        }
    }

    static final class UnknownRoles extends BusinessException {
        UnknownRoles(Set<String> codes) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    "Roles inexistentes en la organización: " + String.join(", ", Users.sorted(codes)) + ".");
        }
    }

    public static final class SelfDeactivation extends BusinessException {
        SelfDeactivation() {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, "No puedes desactivar tu propio usuario.");
        }
    }

    private final Users users;
    private final UserSessions sessions;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UsersService(Users users, UserSessions sessions, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<UserView> list(
            CurrentUser caller, String search, String role, Boolean active, int page, int size) {
        return users.page(caller.tenantId(), search, role, active, page, size);
    }

    @Transactional(readOnly = true)
    public UserView get(CurrentUser caller, UUID id) {
        return users.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Usuario", id));
    }

    @Transactional
    public UserView create(CurrentUser caller, NewUser user) {
        UUID id = add(caller.tenantId(), user);
        UserView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /**
     * Everything {@link #create} would refuse about {@code user}'s username and password, all at
     * once, so a form can show each next to its field instead of one per submit.
     */
    @Transactional(readOnly = true)
    public List<BusinessException> refusals(CurrentUser caller, NewUser user) {
        var refusals = new ArrayList<BusinessException>();
        if (user.username() != null && users.usernameTaken(caller.tenantId(), user.username())) {
            refusals.add(new UsernameTaken(user.username()));
        } else if (user.username() != null && users.signsInAs(caller.tenantId(), user.username(), null)) {
            refusals.add(new LoginTaken("username", user.username()));
        }
        if (user.email() != null && users.signsInAs(caller.tenantId(), user.email(), null)) {
            refusals.add(new LoginTaken("email", user.email()));
        }
        if (user.password() != null) {
            try {
                PasswordPolicy.require(user.password());
            } catch (AuthenticationFailures.WeakPassword weak) {
                refusals.add(weak);
            }
        }
        return refusals;
    }

    /** The user written, checked as every new user is; the caller holds the transaction and records the audit. */
    UUID add(TenantId tenant, NewUser user) {
        if (users.usernameTaken(tenant, user.username())) {
            throw new UsernameTaken(user.username());
        }
        if (users.signsInAs(tenant, user.username(), null)) {
            throw new LoginTaken("username", user.username());
        }
        if (user.email() != null && users.signsInAs(tenant, user.email(), null)) {
            throw new LoginTaken("email", user.email());
        }
        PasswordPolicy.require(user.password());
        Map<String, UUID> roles = roles(tenant, user.roles());
        UUID id = UUID.randomUUID();
        try {
            users.insert(
                    tenant,
                    id,
                    user.username(),
                    user.fullName(),
                    user.email(),
                    passwords.encode(user.password()),
                    user.active() == null || user.active(),
                    user.language() == null ? "es" : user.language());
        } catch (DuplicateKeyException raced) {
            // Another request took the email or the username since the checks above (the transaction
            // is spoilt: the constraint's name tells which).
            if (String.valueOf(raced.getMessage()).contains("users_tenant_email_uq")) {
                throw new LoginTaken("email", String.valueOf(user.email()));
            }
            throw new UsernameTaken(user.username());
        }
        users.replaceRoles(tenant, id, roles.values());
        return id;
    }

    @Transactional
    public UserView update(CurrentUser caller, UUID id, UserChange change) {
        UserView before = get(caller, id);
        boolean active = change.active() == null ? before.active() : change.active();
        if (!active && id.equals(caller.userId())) {
            throw new SelfDeactivation();
        }
        String email = change.email() == null ? before.email() : change.email();
        if (email != null && users.signsInAs(caller.tenantId(), email, id)) {
            throw new LoginTaken("email", email);
        }
        try {
            users.update(
                    caller.tenantId(),
                    id,
                    change.fullName() == null ? before.fullName() : change.fullName(),
                    email,
                    active,
                    change.language() == null ? before.language() : change.language());
        } catch (DuplicateKeyException raced) {
            throw new LoginTaken("email", email);
        }
        if (change.roles() != null) {
            users.replaceRoles(
                    caller.tenantId(),
                    id,
                    roles(caller.tenantId(), change.roles()).values());
        }
        if (change.password() != null) {
            PasswordPolicy.require(change.password());
            users.setPassword(caller.tenantId(), id, passwords.encode(change.password()));
        }
        if (!active || change.password() != null) {
            sessions.endAllExcept(caller.tenantId(), id, null, "REVOKED", clock.instant());
        }
        UserView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        if (change.password() != null) {
            summary.put("password", "reset");
        }
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** Deactivates: the user's rows stay for history, their sessions end, they can no longer sign in. */
    @Transactional
    public void deactivate(CurrentUser caller, UUID id) {
        UserView before = get(caller, id);
        if (id.equals(caller.userId())) {
            throw new SelfDeactivation();
        }
        users.update(caller.tenantId(), id, before.fullName(), before.email(), false, before.language());
        sessions.endAllExcept(caller.tenantId(), id, null, "REVOKED", clock.instant());
        record(caller, "DELETE", id, Map.of("before", summary(before)));
    }

    private Map<String, UUID> roles(TenantId tenant, Set<String> codes) {
        Set<String> wanted = codes == null ? Set.of() : codes;
        Map<String, UUID> ids = users.roleIds(tenant, wanted);
        if (ids.size() != wanted.size()) {
            var missing = new java.util.HashSet<>(wanted);
            missing.removeAll(ids.keySet());
            throw new UnknownRoles(missing);
        }
        return ids;
    }

    private static Map<String, Object> summary(UserView user) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("username", user.username());
        summary.put("full_name", user.fullName());
        summary.put("email", String.valueOf(user.email()));
        summary.put("active", user.active());
        summary.put("language", user.language());
        summary.put("roles", Users.sorted(user.roles()));
        return summary;
    }

    private void record(CurrentUser caller, String action, UUID userId, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "user", userId.toString(), summary));
    }
}
