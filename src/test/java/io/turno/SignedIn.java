package io.turno;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Demo users a test signs in through the API ({@code @RegisterExtension}); they are signed out after
 * the test, so the tests sharing the context count only their own sessions.
 */
public final class SignedIn implements BeforeEachCallback, AfterEachCallback {

    private final List<String> tokens = new ArrayList<>();
    private TestHttp http;

    @Override
    public void beforeEach(ExtensionContext context) {
        http = new TestHttp(Integer.parseInt(SpringExtension.getApplicationContext(context)
                .getEnvironment()
                .getRequiredProperty("local.server.port")));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        tokens.forEach(token -> http.call("POST", "/api/v1/auth/logout", token, null));
        tokens.clear();
    }

    /** Signs a demo user in and answers the access token. */
    public String demo(String username, String password) {
        String token = http.demoToken(username, password);
        tokens.add(token);
        return token;
    }
}
