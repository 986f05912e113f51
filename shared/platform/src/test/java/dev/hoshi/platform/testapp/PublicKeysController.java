package dev.hoshi.platform.testapp;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A declared public path ({@code hoshi.security.public-paths}) beside one that is not. */
@RestController
class PublicKeysController {

    @GetMapping("/.well-known/test-keys.json")
    String keys() {
        return "{\"keys\":[]}";
    }

    @PostMapping("/.well-known/test-keys.json")
    String replaceKeys() {
        return "replaced";
    }

    @GetMapping("/.well-known/private.json")
    String notDeclared() {
        return "private";
    }
}
