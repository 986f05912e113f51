package dev.hoshi.gateway.ui;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * Who is signed in to the web pages, kept in the server-side {@link WebSession} only: the browser holds nothing but
 * the session cookie.
 *
 * @param subject the person's (or partner client's) subject, as in the token
 * @param displayName the name to show
 * @param token the bearer token the pages call the API with
 * @param expiresAt when the token stops working; the session is over then
 * @param organizationId the organisation the persona belongs to, if known
 * @param persona the demo persona's name, null for other sign-ins
 * @param idToken the OIDC provider's ID token (for its sign-out), null for demo sign-ins
 */
record UiSession(
        String subject,
        String displayName,
        String token,
        Instant expiresAt,
        String organizationId,
        String persona,
        String idToken)
        implements Serializable {

    static final String ATTRIBUTE = "hoshi.ui.session";

    /** The signed-in caller, if the session has one whose token still works at {@code now}. */
    static Optional<UiSession> of(WebSession session, Instant now) {
        Object value = session.getAttributes().get(ATTRIBUTE);
        if (value instanceof UiSession signedIn && signedIn.expiresAt().isAfter(now)) {
            return Optional.of(signedIn);
        }
        return Optional.empty();
    }

    /** Signs this caller in to {@code session}, under a new session id (no session fixation). */
    Mono<Void> startIn(WebSession session) {
        return session.changeSessionId().then(Mono.fromRunnable(() -> {
            session.getAttributes().put(ATTRIBUTE, this);
            session.start();
        }));
    }

    boolean partnerClient() {
        return subject.startsWith("partner:");
    }
}
