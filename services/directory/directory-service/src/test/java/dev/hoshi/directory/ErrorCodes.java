package dev.hoshi.directory;

import dev.hoshi.kernel.error.HoshiException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by its error code, for {@code expectException} on an aggregate fixture. */
public final class ErrorCodes {

    private ErrorCodes() {}

    public static Matcher<HoshiException> code(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(HoshiException e) {
                return code.equals(e.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a HoshiException with code " + code);
            }

            @Override
            protected void describeMismatchSafely(HoshiException e, Description description) {
                description.appendText("code was " + e.code() + " (" + e.getMessage() + ")");
            }
        };
    }
}
