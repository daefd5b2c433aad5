package io.turno.identity.internal;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    /**
     * Argon2id with OWASP's parameters (19 MiB, 2 iterations) unless configured otherwise; bcrypt hashes of
     * older systems still verify. Each hash names its own parameters, so a change applies to new hashes and
     * old ones keep verifying.
     */
    @Bean
    OnePerCore passwordEncoder(
            @Value("${turno.identity.password-hashing.memory-kib:19456}") int memoryKib,
            @Value("${turno.identity.password-hashing.iterations:2}") int iterations) {
        var argon2 = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        var bcrypt = new BCryptPasswordEncoder();
        var encoder = new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2, "bcrypt", bcrypt));
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return new OnePerCore(encoder, Runtime.getRuntime().availableProcessors());
    }

    /**
     * At most one hash computed per core at a time, on platform threads of its own; other sign-ins
     * wait their turn. Each Argon2id computation takes 19 MiB: a burst of logins computed all at once
     * (request threads are virtual and unbounded) would take memory without limit, and more
     * computations than cores only share the cores and evict each other's memory from their caches,
     * so every one of them is slower. Off the virtual threads' carriers, because a computation is
     * tens of milliseconds of CPU that a carrier could not give to any other request meanwhile: the
     * operating system shares the cores between the hashes and everything else instead.
     */
    static final class OnePerCore implements PasswordEncoder, AutoCloseable {

        private final PasswordEncoder encoder;
        private final ExecutorService cores;

        OnePerCore(PasswordEncoder encoder, int cores) {
            this.encoder = encoder;
            this.cores = Executors.newFixedThreadPool(
                    cores,
                    Thread.ofPlatform().daemon().name("password-hashing-", 1).factory());
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return oneAtATime(() -> encoder.encode(rawPassword));
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return oneAtATime(() -> encoder.matches(rawPassword, encodedPassword));
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return encoder.upgradeEncoding(encodedPassword);
        }

        private <T> T oneAtATime(Callable<T> hashing) {
            try {
                return cores.submit(hashing).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to check a password", e);
            }
        }

        @Override
        public void close() {
            cores.shutdownNow();
        }
    }
}
