package dev.hoshi.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void printableTextWithTabsAndLineBreaksIsKeptTrimmed() {
        assertThat(Text.required("note", "  方針は現状に合っている\n\tstill fits 👍\r\n ", 100))
                .isEqualTo("方針は現状に合っている\n\tstill fits 👍");
        assertThat(Text.optional("note", " ", 100)).isNull();
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefusedNamingTheField() {
        for (String bad : new String[] {
            "a\u0000b", "bell\u0007", "\u001b[2Jclear", "del\u007f", "c1\u0085", "half \ud800", "\udc00\ud800 reversed"
        }) {
            assertThatThrownBy(() -> Text.optional("reason", bad, 100))
                    .as(bad)
                    .isInstanceOfSatisfying(HoshiException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_REASON");
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("control character");
                    });
        }
    }

    @Test
    void tooLongTextIsRefused() {
        assertThatThrownBy(() -> Text.required("name", "あ".repeat(201), 200))
                .isInstanceOfSatisfying(
                        HoshiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_NAME"));
        assertThat(Text.required("name", "あ".repeat(200), 200)).hasSize(200);
    }
}
