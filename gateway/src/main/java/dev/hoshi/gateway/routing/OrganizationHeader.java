package dev.hoshi.gateway.routing;

import dev.hoshi.gateway.web.ErrorBody;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * {@code X-Hoshi-Organization}: the active organisation a caller chose for one request (a person may belong to
 * several). The gateway checks only its form, 1–128 characters of {@code [A-Za-z0-9._-]} starting with a letter or
 * digit; whether the caller belongs to it is for the services to decide from their projections.
 */
final class OrganizationHeader {

    static final String NAME = "X-Hoshi-Organization";

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private OrganizationHeader() {}

    /**
     * @return the chosen organisation, empty if the header is absent
     * @throws Invalid if the header is present but not exactly one well-formed value
     */
    static Optional<String> read(HttpHeaders headers) {
        List<String> values = headers.get(NAME);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new Invalid(new ErrorBody(
                    "BAD_ORGANIZATION_HEADER",
                    NAME + " must be sent once, with one organisation id; it was sent " + values.size() + " times.",
                    NAME + " は 1 回だけ、1 つの組織 ID を指定して送ってください（" + values.size() + " 回送られました）。"));
        }
        String value = values.get(0);
        if (!FORM.matcher(value).matches()) {
            throw new Invalid(new ErrorBody(
                    "BAD_ORGANIZATION_HEADER",
                    NAME + " must be an organisation id: 1-128 characters of letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit.",
                    NAME + " には組織 ID を指定してください（英数字・「.」「_」「-」の 1〜128 文字で、先頭は英数字）。"));
        }
        return Optional.of(value);
    }

    /** The header is present but malformed; answered with 400 and {@link #body()}. */
    static final class Invalid extends RuntimeException {

        private final transient ErrorBody body;

        Invalid(ErrorBody body) {
            super(body.message(), null, false, false);
            this.body = body;
        }

        ErrorBody body() {
            return body;
        }
    }
}
