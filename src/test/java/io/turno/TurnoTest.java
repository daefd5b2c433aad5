package io.turno;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port, in the one context every test class with this annotation
 * shares: one embedded PostgreSQL, one clock ({@link MutableClock}, back to real time after each
 * test), one signing key. A class that adds properties, beans or profiles of its own starts a context
 * of its own, so add them only when the behaviour under test is fixed at start-up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TurnoTestConfiguration.class)
@ExtendWith(MutableClock.ResetAfterEach.class)
public @interface TurnoTest {}
