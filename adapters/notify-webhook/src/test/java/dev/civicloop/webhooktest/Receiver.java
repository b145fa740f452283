package dev.civicloop.webhooktest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on a free loopback port (the JDK's HttpServer): records every request and
 * answers with the next scripted status, or the default once the script is used up. A "hanging"
 * receiver holds each request until {@link #close()}.
 */
final class Receiver implements AutoCloseable {
    /** One request as the receiver saw it, and what it answered. */
    record Request(String method, String path, String contentType, String id, String timestamp, String signature,
            byte[] body, int answered) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int defaultStatus = 204;
    private volatile boolean hang;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next requests with these statuses, in order, then with the default. */
    synchronized Receiver script(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    Receiver answer(int status) {
        this.defaultStatus = status;
        return this;
    }

    /** Holds every request without answering until the receiver is closed. */
    Receiver hang() {
        this.hang = true;
        return this;
    }

    URI url(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            synchronized (this) {
                Integer next = script.poll();
                status = next != null ? next : defaultStatus;
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("X-CivicLoop-Id"),
                        exchange.getRequestHeaders().getFirst("X-CivicLoop-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-CivicLoop-Signature"), body, hang ? -1 : status));
                notifyAll();
            }
            if (hang) {
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] answer = status == 204 ? new byte[0] : ("status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until at least {@code n} requests arrived (a hanging receiver records before it hangs). */
    synchronized List<Request> awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (requests.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " requests within 30 s, got " + requests.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
