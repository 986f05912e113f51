package dev.hoshi.platform.testapp;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class TestController {

    record Node(String name) {}

    private final CommandGateway commands;

    TestController(CommandGateway commands) {
        this.commands = commands;
    }

    @MutationMapping
    Map<String, Object> openTally(@Argument Map<String, Object> input) {
        String id = (String) input.get("id");
        commands.sendAndWait(new Tally.OpenTallyCommand(id));
        return Map.of("id", id);
    }

    @QueryMapping
    String refused() {
        throw new HoshiException(
                "TALLY_CLOSED", ErrorKind.BUSINESS_RULE, "The tally is closed; open a new one.", "集計は締め切られています。");
    }

    @QueryMapping
    String crash() {
        throw new IllegalStateException("secret-connection-string mongodb://admin:pw@db");
    }

    @QueryMapping
    String tallyExport() {
        return "file";
    }

    @QueryMapping
    String tallySeries() {
        return "series";
    }

    @QueryMapping
    Node node() {
        return new Node("root");
    }

    @SchemaMapping(typeName = "Node")
    Node child(Node parent) {
        return new Node(parent.name() + ".child");
    }
}
