package dev.hoshi.kernel.context;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The {@link RequestContext} of the work running on this thread. The platform binds it for each request and for
 * each event a handler processes, so domain code never reads tokens or headers.
 */
public final class CurrentContext {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private CurrentContext() {}

    public static Optional<RequestContext> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The bound context, or an {@code UNAUTHENTICATED} error when none is bound. */
    public static RequestContext require() {
        RequestContext context = CURRENT.get();
        if (context == null) {
            throw HoshiContextException.notSignedIn();
        }
        return context;
    }

    /** Runs {@code work} with {@code context} bound, restoring whatever was bound before. */
    public static <T> T callWith(RequestContext context, Callable<T> work) throws Exception {
        RequestContext previous = CURRENT.get();
        CURRENT.set(context);
        try {
            return work.call();
        } finally {
            restore(previous);
        }
    }

    /** Runs {@code work} with {@code context} bound, restoring whatever was bound before. */
    public static void runWith(RequestContext context, Runnable work) {
        RequestContext previous = CURRENT.get();
        CURRENT.set(context);
        try {
            work.run();
        } finally {
            restore(previous);
        }
    }

    /**
     * Binds {@code context} until the returned scope is closed; for filters that cannot wrap the rest of the
     * request in a lambda.
     */
    public static Scope open(RequestContext context) {
        RequestContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> restore(previous);
    }

    /**
     * Binds {@code context} (or clears the binding when {@code null}) without restoring anything later: only for
     * integration code that manages its own scope, such as context propagation across threads.
     */
    public static void set(RequestContext context) {
        restore(context);
    }

    private static void restore(RequestContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** A binding that ends when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
