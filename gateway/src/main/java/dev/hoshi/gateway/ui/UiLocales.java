package dev.hoshi.gateway.ui;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.lang.Nullable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** Japanese by default; English when the {@value #COOKIE} cookie says {@code en}. */
@Configuration(proxyBeanMethods = false)
class UiLocales {

    static final String COOKIE = "hoshi_lang";

    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        return new LocaleContextResolver() {
            @Override
            public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
                return new SimpleLocaleContext(locale(exchange));
            }

            @Override
            public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
                throw new UnsupportedOperationException("the language is chosen with POST /lang");
            }
        };
    }

    static Locale locale(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie != null && "en".equals(cookie.getValue()) ? Locale.ENGLISH : Locale.JAPANESE;
    }

    static boolean english(ServerWebExchange exchange) {
        return Locale.ENGLISH.equals(locale(exchange));
    }

    static ResponseCookie cookie(String language) {
        return ResponseCookie.from(COOKIE, "en".equals(language) ? "en" : "ja")
                .path("/")
                .httpOnly(true)
                .sameSite("Lax")
                .maxAge(Duration.ofDays(365))
                .build();
    }
}
