package dev.hoshi.gateway.web;

import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The body of every error the gateway answers itself: a stable {@code UPPER_SNAKE_CASE} code for programs, and a
 * message for people in English and Japanese.
 */
public record ErrorBody(String code, String message, String messageJa) {

    public ErrorBody {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageJa, "messageJa");
    }

    /** The gateway's plain answer for an HTTP error status, without any detail of what failed. */
    public static ErrorBody forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> new ErrorBody("BAD_REQUEST", "The request is malformed.", "リクエストの形式が正しくありません。");
            case 404 ->
                new ErrorBody(
                        "NOT_FOUND",
                        "Nothing here. The services live under /directory, /compliance and /insights.",
                        "該当するものはありません。サービスは /directory、/compliance、/insights の下にあります。");
            case 405 ->
                new ErrorBody(
                        "METHOD_NOT_ALLOWED",
                        "This path does not accept that HTTP method.",
                        "このパスはその HTTP メソッドを受け付けません。");
            case 406 ->
                new ErrorBody(
                        "NOT_ACCEPTABLE",
                        "This path cannot answer in the requested media type.",
                        "要求されたメディアタイプでは応答できません。");
            case 413 -> new ErrorBody("PAYLOAD_TOO_LARGE", "The request body is too large.", "リクエストの本文が大きすぎます。");
            case 415 ->
                new ErrorBody(
                        "UNSUPPORTED_MEDIA_TYPE",
                        "This path does not accept that content type.",
                        "このパスはそのコンテンツタイプを受け付けません。");
            case 503 ->
                new ErrorBody(
                        "SERVICE_UNAVAILABLE",
                        "The service behind this path is not reachable right now. Try again shortly.",
                        "このパスのサービスに現在接続できません。しばらくしてから再度お試しください。");
            case 504 ->
                new ErrorBody(
                        "GATEWAY_TIMEOUT",
                        "The service behind this path did not answer in time.",
                        "このパスのサービスが時間内に応答しませんでした。");
            case 500 -> new ErrorBody("INTERNAL_ERROR", "Something went wrong in the gateway.", "ゲートウェイで問題が発生しました。");
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                String code = known == null ? "HTTP_" + status.value() : known.name();
                yield new ErrorBody(
                        code,
                        "The request failed with HTTP status " + status.value() + ".",
                        "リクエストは HTTP ステータス " + status.value() + " で失敗しました。");
            }
        };
    }
}
