package dev.hoshi.platform.graphql.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shape of graphql-transport-ws messages from clients: what passes, and what is refused with which words. */
class TransportMessageCheckTest {

    private final TransportMessageCheck check = new TransportMessageCheck(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"connection_init\"}",
                "{\"type\":\"connection_init\",\"payload\":{\"token\":\"x\"}}",
                "{\"type\":\"connection_init\",\"payload\":null}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"pong\",\"payload\":{}}",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { x }\"}}",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"variables\":{\"a\":1},"
                        + "\"extensions\":{},\"operationName\":\"S\"}}",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"variables\":null,"
                        + "\"operationName\":null}}",
                "{\"id\":\"1\",\"type\":\"complete\"}",
                // what Spring for GraphQL decides itself: a subscribe without an id (4400 there), an unknown field
                "{\"type\":\"subscribe\",\"payload\":{\"query\":\"s\"}}",
                "{\"type\":\"ping\",\"extra\":[1,2]}"
            })
    void wellFormedMessagesPass(String message) {
        assertThat(check.problem(message)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"connection_init\"       | not JSON",
                "hello                               | not JSON",
                "[]                                  | not a JSON object",
                "null                                | not a JSON object",
                "\"connection_init\"                 | not a JSON object",
                "{}                                  | 'type' must be one of complete, connection_init, ping, pong, subscribe",
                "{\"type\":5}                        | 'type' must be one of",
                "{\"type\":\"$where\"}               | 'type' must be one of",
                "{\"type\":\"next\",\"id\":\"1\"}    | 'type' must be one of",
                "{\"type\":\"connection_ack\"}       | 'type' must be one of",
                "{\"id\":1,\"type\":\"complete\"}    | 'id' must be a string",
                "{\"type\":\"ping\",\"payload\":\"x\"} | 'payload' must be an object",
                "{\"type\":\"connection_init\",\"payload\":[1]} | 'payload' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\"} | a subscribe message's 'payload' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":\"x\"} | a subscribe message's 'payload' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{}} | 'payload.query' must be a string",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":1}} | 'payload.query' must be a string",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"variables\":\"x\"}} | 'payload.variables' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"extensions\":[]}} | 'payload.extensions' must be an object",
                "{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"s\",\"operationName\":5}} | 'payload.operationName' must be a string"
            })
    void malformedMessagesAreRefusedSayingWhatIsWrong(String message, String problem) {
        assertThat(check.problem(message))
                .hasValueSatisfying(found -> assertThat(found).startsWith(problem));
    }
}
