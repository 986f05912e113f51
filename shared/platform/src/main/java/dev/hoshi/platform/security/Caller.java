package dev.hoshi.platform.security;

import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling this request, as the gateway vouched: the actor, the organisation chosen for the request, and the
 * roles. A GraphQL controller asks it before doing anything; what a role may see beyond that comes from each
 * service's own projections.
 */
public final class Caller {

    public static final String PLATFORM_OPERATOR = "platform_operator";

    private Caller() {}

    public static Actor actor() {
        return CurrentContext.require().actor();
    }

    /** The organisation the caller chose for this request, if any. */
    public static Optional<String> organization() {
        return CurrentContext.require().tenant().map(Object::toString);
    }

    public static Set<String> roles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** Refuses the request unless the caller has {@code role}. */
    public static void requireRole(String role) {
        CurrentContext.require();
        if (!hasRole(role)) {
            throw new HoshiException(
                    "FORBIDDEN",
                    ErrorKind.FORBIDDEN,
                    "This needs the role " + role + ", which you do not have.",
                    "この操作にはロール " + role + " が必要です。");
        }
    }
}
