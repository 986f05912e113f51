package dev.hoshi.gateway.ui;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * GraphiQL for each service's public GraphQL route, served by the gateway itself: its scripts and stylesheet come from
 * WebJars in this application ({@code /webjars/graphiql}, {@code react}, {@code react-dom}) and the page's own script
 * from {@code /ui/graphiql.js}, so it works offline and loads nothing from outside. The request never reaches the
 * service (whose own page, Spring GraphQL's, loads its scripts from a CDN). Who may open it is the API chain's rule:
 * anyone in demo mode, otherwise a caller with a token.
 */
@Controller
class GraphiQlPage {

    /**
     * Only the page's own assets; data: for the fonts and icons inlined in GraphiQL's stylesheet. React and
     * CodeMirror set styles through the CSSOM, which a style-src without 'unsafe-inline' allows.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    @GetMapping("/{service:directory|compliance|insights}/graphiql")
    Rendering page(@PathVariable String service, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        return Rendering.view("ui/graphiql")
                .modelAttribute("service", service)
                .modelAttribute("endpoint", "/" + service + "/graphql")
                .build();
    }
}
