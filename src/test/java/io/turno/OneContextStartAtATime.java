package io.turno;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Application contexts of the test JVM start one at a time (META-INF/spring.factories). Spring Boot's logging
 * system is one per JVM and is not safe to initialize from two threads at once: with the suite's two lanes
 * (junit-platform.properties), two contexts starting together once failed the shared context with a
 * ConcurrentModificationException in LoggingApplicationListener, and every test on it. Tests of contexts already
 * started still run side by side.
 */
public final class OneContextStartAtATime implements SpringApplicationRunListener {

    private static final ReentrantLock STARTING = new ReentrantLock();

    public OneContextStartAtATime(SpringApplication application, String[] args) {}

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        STARTING.lock();
    }

    @Override
    public void started(ConfigurableApplicationContext context, Duration timeTaken) {
        release();
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        release();
    }

    private static void release() {
        if (STARTING.isHeldByCurrentThread()) {
            STARTING.unlock();
        }
    }
}
