package io.pod4j.apiserver.http;

import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;

/**
 * The JSON lines of the latest watch events, written once for all the watches that see them.
 * Every watch that sees a change gets the store's very tree of it ({@link Watch#nextTree()}), so a
 * line is found by that tree's identity: with a hundred watchers, one change is serialized once,
 * not a hundred times. Keeps the last {@value #SIZE} lines; an older one is written again.
 */
final class EventLines {

    private static final int SIZE = 256;

    private final Object[] trees = new Object[SIZE];
    private final WatchEvent.Type[] types = new WatchEvent.Type[SIZE];
    private final byte[][] lines = new byte[SIZE][];
    private int next;

    /** @return {@code {"type":..,"object":..}} and a newline */
    synchronized byte[] line(Watch.Tree event) {
        for (int i = 0; i < SIZE; i++) {
            if (trees[i] == event.object() && types[i] == event.type()) {
                return lines[i];
            }
        }
        byte[] line = Watches.event(event.type().name(), event.object());
        trees[next] = event.object();
        types[next] = event.type();
        lines[next] = line;
        next = (next + 1) % SIZE;
        return line;
    }
}
