package io.turno;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every wait of the run fails on its own condition only. Awaitility by default also fails a wait when any
 * thread of the JVM dies of an exception meanwhile, and the suite's JVM holds other tests' servers: GreenMail
 * logs a reset connection in its own thread each time {@code PackagedJarIT} kills a client mid-message, which
 * failed whatever test was waiting then. Registered for every test class (META-INF/services, autodetection).
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
