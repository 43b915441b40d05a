package org.planregistry.query.eventstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.planregistry.query.access.Audience;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves the followers of the Server-Sent Events stream.
 *
 * <p>One poller reads new events from the store every {@code pollInterval} into {@link RecentEvents}, and wakes
 * the followers. Each follower has a thread of its own that reads its next page (from the recent events, or from
 * the store when it is further behind) and writes it to its client, so a slow client only ever slows itself: the
 * server holds at most one page for it, and reads the next only when the last is written. A client whose write
 * does not complete within {@code stallTimeout} is cut off, with the reason in the log and its position to resume
 * from. Idle connections get a comment every {@code heartbeat} so that proxies keep them open.
 */
class EventFollowers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFollowers.class);
    private static final int PAGE = 500;
    private static final byte[] FRAME_END = {'\n', '\n'};

    private final EventFeed feed;
    private final PublishedEvaluations published;
    private final Settings settings;
    private final Semaphore places;
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final Object news = new Object();
    private final AtomicInteger numbers = new AtomicInteger();
    /**
     * The page last written as SSE frames, for the followers that ask for the same one next: followers at the head
     * with the same filters and audience all ask for the page the poller has just read, and a hundred of them then
     * cost one rendering (and one copy of the bytes in memory) instead of a hundred.
     */
    private final AtomicReference<WrittenPage> lastWritten = new AtomicReference<>();
    private volatile RecentEvents recent;
    private ScheduledExecutorService poller;
    private ExecutorService threads;
    private volatile boolean running;

    /**
     * @param pollInterval how often the store is asked for new events
     * @param heartbeat    how long a connection may stay silent before a comment is sent
     * @param stallTimeout how long one write to a client may take before the client is cut off
     * @param maxFollowers how many followers are served at once; more are refused with 503
     * @param recentEvents how many recent events are kept for followers at the head
     */
    record Settings(Duration pollInterval, Duration heartbeat, Duration stallTimeout, int maxFollowers,
                    int recentEvents) {
    }

    EventFollowers(EventFeed feed, PublishedEvaluations published, Settings settings) {
        this.feed = feed;
        this.published = published;
        this.settings = settings;
        this.places = new Semaphore(settings.maxFollowers());
    }

    @Override
    public void start() {
        recent = new RecentEvents(settings.recentEvents(), Math.max(0, feed.head() - settings.recentEvents()));
        poller = Executors.newSingleThreadScheduledExecutor(named("event-stream-poller"));
        threads = Executors.newCachedThreadPool(named("event-stream-follower"));
        running = true;
        poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::cutOffStalled, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Ends every follower before the web server shuts down, so that its graceful shutdown does not wait for
     * connections that never end by themselves.
     */
    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        followers.forEach(follower -> follower.end("the server is shutting down", false));
        synchronized (news) {
            news.notifyAll();
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** How many followers are connected now. */
    int count() {
        return followers.size();
    }

    /**
     * Starts following {@code query} into {@code emitter}.
     *
     * @return false when all places are taken
     */
    boolean follow(FeedQuery query, Audience audience, SseEmitter emitter) {
        if (!running || !places.tryAcquire()) {
            return false;
        }
        Follower follower = new Follower(numbers.incrementAndGet(), query, audience, emitter);
        followers.add(follower);
        // After the container has ended the request (the client went away), the emitter must not be completed again.
        emitter.onCompletion(follower::forget);
        emitter.onError(e -> follower.forget());
        threads.execute(follower);
        return true;
    }

    /** Reads what is new in the store into the recent events and wakes the followers. */
    private void poll() {
        try {
            long before = recent.tail();
            FeedPage page;
            do {
                page = feed.read(new FeedQuery(recent.tail(), 1000, null, Set.of()));
                recent.append(page);
            } while (!page.events().isEmpty() && !page.atHead() && page.waitingFor().isEmpty());
            if (recent.tail() != before) {
                synchronized (news) {
                    news.notifyAll();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Reading new events for the stream's followers failed; trying again", e);
        }
    }

    private void cutOffStalled() {
        long now = System.nanoTime();
        for (Follower follower : followers) {
            long since = follower.writingSince;
            if (since != 0 && now - since > settings.stallTimeout().toNanos()) {
                follower.end("its client did not take a write within " + settings.stallTimeout(), true);
            }
        }
    }

    /**
     * The next page for a follower, as its audience may read it. The recent events are shared by all followers
     * with every event in them; each follower's page is filtered and rendered for its own audience only.
     */
    private FeedPage next(FeedQuery query, Audience audience) {
        return published.visibleTo(recent.read(query).orElseGet(() -> feed.follow(query)), audience);
    }

    /** The page's frames, rendered once for every follower that asks for the same page as the same audience. */
    private Set<ResponseBodyEmitter.DataWithMediaType> framesFor(FeedQuery query, FeedPage page, Audience audience) {
        WrittenPage last = lastWritten.get();
        if (last == null || !last.isFor(query, page, audience)) {
            last = new WrittenPage(query, page.position(), audience, frames(page, audience));
            lastWritten.set(last);
        }
        return Set.of(new ResponseBodyEmitter.DataWithMediaType(last.frames(), MediaType.TEXT_EVENT_STREAM));
    }

    /**
     * The page's events as SSE frames ({@code id} the position, {@code event} the type, the CloudEvent as data), in
     * one array: written as one piece, so the container looks for a converter once per page rather than three times
     * per event. The CloudEvent's JSON has no line break, so it is one {@code data:} line.
     */
    private static byte[] frames(FeedPage page, Audience audience) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream(page.events().stream()
                .mapToInt(event -> event.length(audience) + 64).sum());
        for (FeedEvent event : page.events()) {
            frames.writeBytes(ascii("id:" + event.sequence() + "\nevent:" + event.type() + "\ndata:"));
            frames.writeBytes(event.json(audience));
            frames.writeBytes(FRAME_END);
        }
        return frames.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A page written as frames: for which query, up to which position, for which audience; never changed. */
    private record WrittenPage(FeedQuery query, long position, Audience audience, byte[] frames) {

        boolean isFor(FeedQuery query, FeedPage page, Audience audience) {
            return position == page.position() && this.query.equals(query) && this.audience.equals(audience);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One connected client: its position, its emitter and the thread that writes to it. */
    private final class Follower implements Runnable {

        private final int number;
        private final Audience audience;
        private final SseEmitter emitter;
        private volatile FeedQuery query;
        private volatile long writingSince;
        private volatile boolean ended;
        private volatile Thread thread;

        Follower(int number, FeedQuery query, Audience audience, SseEmitter emitter) {
            this.number = number;
            this.audience = audience;
            this.query = new FeedQuery(query.after(), PAGE, query.plan(), query.types());
            this.emitter = emitter;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                // At once, so the client has its answer's headers even when nothing follows for a while.
                write(SseEmitter.event().comment("following after " + query.after()));
                while (running && !ended) {
                    FeedPage page = next(query, audience);
                    if (!page.events().isEmpty()) {
                        write(framesFor(query, page, audience));
                    }
                    query = query.after(page.position());
                    if (page.waitingFor().isPresent()) {
                        awaitNews(Long.MAX_VALUE, settings.pollInterval());
                    } else if (page.atHead() && !awaitNews(page.position(), settings.heartbeat())) {
                        write(SseEmitter.event().comment("heartbeat " + page.position()));
                    }
                }
            } catch (IOException | IllegalStateException e) {
                forget(); // the client has gone; it resumes with Last-Event-ID when it comes back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Follower {} stopped: {}", number, e.toString());
                end("the server could not read the stream: " + e.getMessage(), false);
            } finally {
                forget();
                // The place is given back only when this thread ends, so there are never more follower threads
                // than places, even while a cut-off client's blocked write is still being timed out.
                places.release();
            }
        }

        /**
         * Waits until the stream has moved past {@code position}, or {@code timeout}, or this follower has ended;
         * false when nothing arrived.
         */
        private boolean awaitNews(long position, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (news) {
                while (running && !ended && recent.tail() <= position) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(news, left);
                }
            }
            return true;
        }

        private void write(SseEmitter.SseEventBuilder event) throws IOException {
            write(event.build());
        }

        /** Writes and flushes once: a page of events is one write to the client, not one per event. */
        private void write(Set<ResponseBodyEmitter.DataWithMediaType> frames) throws IOException {
            writingSince = System.nanoTime();
            try {
                emitter.send(frames);
            } finally {
                writingSince = 0;
            }
        }

        /** Ends the follower without touching its emitter; false when it had ended already. */
        boolean forget() {
            synchronized (this) {
                if (ended) {
                    return false;
                }
                ended = true;
            }
            followers.remove(this);
            synchronized (news) {
                news.notifyAll(); // its thread may be waiting for news: let it see it has ended
            }
            return true;
        }

        /**
         * Ends the follower once, for the given reason: logged, and sent as a last {@code cut-off} event where the
         * client still reads. The emitter is finished on another thread, because a write blocked on a stalled
         * client holds it. A stalled client's request ends as an error ({@link FollowerCutOff}), which makes the
         * container drop the connection rather than wait to flush what the client does not read.
         */
        void end(String reason, boolean stalled) {
            if (!forget()) {
                return;
            }
            Thread writer = thread;
            long resumeAfter = query.after();
            log.info("Event stream follower {} cut off; it resumes after position {}: {}", number, resumeAfter,
                    reason);
            if (threads.isShutdown()) {
                return;
            }
            threads.execute(() -> {
                try {
                    emitter.send(SseEmitter.event().name("cut-off").data("{\"reason\":\""
                            + reason.replace("\"", "'") + "\",\"resumeAfter\":" + resumeAfter + "}",
                            MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    // A stalled client cannot take even this; the log says why it was cut off.
                }
                if (stalled) {
                    emitter.completeWithError(new FollowerCutOff(reason));
                } else {
                    emitter.complete();
                }
            });
            if (writer != null && writer != Thread.currentThread()) {
                writer.interrupt();
            }
        }
    }
}
