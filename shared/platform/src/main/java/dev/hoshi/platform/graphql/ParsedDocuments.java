package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.cache.BoundedLru;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct GraphQL document once. Portals and the web pages send the same few documents
 * with different variables, and parsing and validating them was a tenth of a dashboard read's CPU in a service.
 *
 * <p>Only documents that passed validation are remembered (keyed by their text; validation does not depend on the
 * variables), at most {@code capacity} of them and none longer than {@code maxLength} characters, least recently used
 * first out. The depth and cost limits run when an operation executes ({@code beginExecuteOperation}), so they apply
 * to a remembered document as to a new one.
 */
public final class ParsedDocuments implements PreparsedDocumentProvider {

    private final int maxLength;
    private final BoundedLru<String, PreparsedDocumentEntry> documents;

    public ParsedDocuments(int capacity, int maxLength) {
        this.maxLength = maxLength;
        this.documents = new BoundedLru<>(capacity);
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry remembered = documents.get(query);
        if (remembered != null) {
            return CompletableFuture.completedFuture(remembered);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors() && query.length() <= maxLength) {
            documents.put(query, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    int size() {
        return documents.size();
    }
}
