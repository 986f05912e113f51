package dev.hoshi.platform.security;

import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CorrelationId;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the verified internal token's claims as the request's {@link RequestContext}: {@code actor}, {@code org} (the
 * organisation chosen for this request) and a correlation id ({@code X-Correlation-Id} when the caller sent a
 * sensible one, else a new one).
 */
final class InternalTokenContextFilter extends OncePerRequestFilter {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern SAFE_CORRELATION = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof JwtAuthenticationToken jwt)) {
            chain.doFilter(request, response);
            return;
        }
        String org = jwt.getToken().getClaimAsString("org");
        RequestContext context = new RequestContext(
                Optional.ofNullable(org).map(TenantId::of),
                Actor.parse(jwt.getToken().getClaimAsString("actor")),
                correlation(request));
        response.setHeader(CORRELATION_HEADER, context.correlationId().toString());
        try (CurrentContext.Scope ignored = CurrentContext.open(context)) {
            chain.doFilter(request, response);
        }
    }

    private static CorrelationId correlation(HttpServletRequest request) {
        String given = request.getHeader(CORRELATION_HEADER);
        return given != null && SAFE_CORRELATION.matcher(given).matches()
                ? CorrelationId.of(given)
                : CorrelationId.random();
    }
}
