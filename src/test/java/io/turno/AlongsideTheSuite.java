package io.turno;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that runs on a second thread beside the rest of the suite, which runs on one thread as
 * always. Only for classes that share nothing with the others: not the shared {@link TurnoTest} context (its
 * clock is reset after every test; a {@code TurnoTest} class with properties of its own has a context and a
 * clock of its own), no {@link TestServers} a test reads, servers and ports of their own; a browser of its own
 * ({@code HeadlessChromium.alongside()}). The lock lets one such class run at a time, and keeps its test
 * methods in order on its thread.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("alongside-the-suite")
public @interface AlongsideTheSuite {}
