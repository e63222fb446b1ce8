package io.pod4j.apiserver.stream;

/** The threads streams block on (Docker calls and reads), never a Netty event loop. */
final class StreamThreads {

    private StreamThreads() {
    }

    /**
     * @param work what to run
     * @param name the thread's name
     */
    static void start(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
