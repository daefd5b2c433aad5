package io.turno.identity.internal;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction that commits even when the work fails with one of the listed
 * exceptions, which are then thrown: a failed sign-in's lockout count, or the end of a session
 * whose refresh token was reused, must stick although the request fails.
 */
final class CommittedFailures {

    private CommittedFailures() {}

    @SafeVarargs
    static <T> T run(
            TransactionTemplate transactions, Supplier<T> work, Class<? extends RuntimeException>... committed) {
        var kinds = List.of(committed);
        Object outcome = transactions.execute(status -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (kinds.stream().anyMatch(kind -> kind.isInstance(e))) {
                    return new Failure(e);
                }
                throw e;
            }
        });
        if (outcome instanceof Failure failure) {
            throw failure.exception();
        }
        @SuppressWarnings("unchecked")
        T result = (T) outcome;
        return result;
    }

    private record Failure(RuntimeException exception) {}
}
