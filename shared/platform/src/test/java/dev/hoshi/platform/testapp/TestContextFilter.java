package dev.hoshi.platform.testapp;

import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import dev.hoshi.kernel.id.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Stands in for the security filter of issue #3: binds a context from test headers. */
@Component
class TestContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String actor = request.getHeader("X-Test-Actor");
        if (actor == null) {
            chain.doFilter(request, response);
            return;
        }
        String tenant = request.getHeader("X-Test-Tenant");
        RequestContext context = tenant == null
                ? RequestContext.withoutTenant(Actor.user(actor))
                : RequestContext.forTenant(TenantId.of(tenant), Actor.user(actor));
        try (CurrentContext.Scope ignored = CurrentContext.open(context)) {
            chain.doFilter(request, response);
        }
    }
}
