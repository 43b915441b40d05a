package org.planregistry.bench;

import java.util.List;

/**
 * Settings of part {@code scale} (issue 12), {@code -Dbench.scale.NAME=VALUE}; their defaults are in
 * {@link BenchOptions#USAGE}.
 *
 * @param sizes       events in the store at which everything is measured, one store grown through them in turn
 * @param replayFrom  the smallest size at which every view is also replayed and the query side's heap weighed
 * @param replayRuns  replays per size at most (median reported), fewer once a minute was spent replaying
 * @param rawDocs     documents per raw {@code insertMany} measurement
 * @param commands    commands over HTTP at each size before the command side's heap is weighed
 * @param feedLast    how many of the last events {@code GET /api/events} reads at each size; 0 for all of them
 * @param storeHeap   {@code -Xmx} of the store's process (in memory, the whole store is in its heap)
 * @param queryHeap   {@code -Xmx} of the query side's process
 * @param commandHeap {@code -Xmx} of the command side's process
 * @param disk        whether a durable store is also filled to the largest size and weighed on disk
 * @param durable     whether the measured store is durable (the H2 file backend) rather than in memory
 */
record ScaleOptions(List<Integer> sizes, int replayFrom, int replayRuns, int rawDocs, int commands, int feedLast,
                    String storeHeap, String queryHeap, String commandHeap, boolean disk, boolean durable) {

    ScaleOptions {
        if (sizes.isEmpty() || !sizes.equals(sizes.stream().sorted().distinct().toList())) {
            throw new IllegalArgumentException("scale.sizes must grow: " + sizes);
        }
    }

    int largest() {
        return sizes.get(sizes.size() - 1);
    }
}
