package dev.renkei.core.http;

import java.util.random.RandomGenerator;

/** Random sources that pin the jitter to its extremes. */
final class Randoms {
    private Randoms() {}

    /** Always the lowest value: full jitter waits 0. */
    static RandomGenerator lowest() {
        return () -> 0L;
    }

    /** Always the highest value below the bound: full jitter waits its whole ceiling. */
    static RandomGenerator highest() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
    }
}
