package io.turno.identity.internal;

import java.util.regex.Pattern;

/** SPEC §1: at least 8 characters with an upper-case letter, a lower-case letter and a digit. */
final class PasswordPolicy {

    private static final Pattern STRONG = Pattern.compile("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,128}$");

    private PasswordPolicy() {}

    static void require(String password) {
        if (password == null || !STRONG.matcher(password).matches()) {
            throw new AuthenticationFailures.WeakPassword();
        }
    }
}
