package dev.hoshi.gateway.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.lang.Nullable;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's template gets: the CSRF token for its forms, the language, and a helper to pick texts. */
@ControllerAdvice(basePackageClasses = UiModel.class)
class UiModel {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("en")
    boolean english(ServerWebExchange exchange) {
        return UiLocales.english(exchange);
    }

    @ModelAttribute("here")
    String here(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    @ModelAttribute("ui")
    Texts texts(ServerWebExchange exchange) {
        return new Texts(UiLocales.english(exchange));
    }

    /** Picks the chosen language's side of the API's {@code {ja, en}} texts and error messages. */
    record Texts(boolean english) {

        private static final DateTimeFormatter JAPAN_MINUTE =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

        public String text(@Nullable Object localized) {
            if (localized instanceof Map<?, ?> map) {
                Object text = map.get(english ? "en" : "ja");
                return text == null ? "" : text.toString();
            }
            return localized == null ? "" : localized.toString();
        }

        public String text(HoshiApi.Problem problem) {
            return problem.text(english);
        }

        /** An instant from the API (ISO-8601) as Japan's wall-clock time to the minute; anything else as it is. */
        public String time(@Nullable Object instant) {
            if (instant == null) {
                return "";
            }
            try {
                return JAPAN_MINUTE.format(Instant.parse(instant.toString())) + " JST";
            } catch (DateTimeParseException notAnInstant) {
                return instant.toString();
            }
        }
    }
}
