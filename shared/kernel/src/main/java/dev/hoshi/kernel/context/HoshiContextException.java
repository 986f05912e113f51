package dev.hoshi.kernel.context;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;

/** Raised when work that needs a tenant or a signed-in caller runs without one. */
public final class HoshiContextException extends HoshiException {

    private HoshiContextException(String code, ErrorKind kind, String message, String messageJa) {
        super(code, kind, message, messageJa);
    }

    static HoshiContextException tenantRequired() {
        return new HoshiContextException(
                "TENANT_REQUIRED",
                ErrorKind.FORBIDDEN,
                "This operation acts on an organisation, but no organisation is selected for the request.",
                "この操作には組織の指定が必要ですが、リクエストで組織が選択されていません。");
    }

    static HoshiContextException notSignedIn() {
        return new HoshiContextException(
                "UNAUTHENTICATED",
                ErrorKind.UNAUTHENTICATED,
                "Sign in first: this request carries no caller.",
                "先にサインインしてください。このリクエストには呼び出し元の情報がありません。");
    }
}
