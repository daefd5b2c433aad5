package io.turno.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list response: {@code items, page, size, total} as every list endpoint returns it. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public <R> PageResult<R> map(Function<? super T, ? extends R> mapper) {
        return new PageResult<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
