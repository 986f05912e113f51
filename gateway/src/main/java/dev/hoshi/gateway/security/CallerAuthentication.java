package dev.hoshi.gateway.security;

import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's proven {@link Caller}, as Spring Security's authentication. It keeps no credential: the caller's token
 * stays at the gateway and never reaches a service.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    public CallerAuthentication(Caller caller) {
        super(caller.roles().stream().map(SimpleGrantedAuthority::new).toList());
        this.caller = Objects.requireNonNull(caller, "caller");
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return caller.subject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallerAuthentication other && caller.equals(other.caller);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
