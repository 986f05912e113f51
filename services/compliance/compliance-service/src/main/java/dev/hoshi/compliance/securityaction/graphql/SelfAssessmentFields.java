package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A sheet's part scores and answers as GraphQL lists, in part and item order. The sheet arrives as a view (lists of
 * sheets) or as a map (inside a status).
 */
@Controller
class SelfAssessmentFields {

    @SchemaMapping(typeName = "SelfAssessment", field = "partScores")
    List<Map<String, Object>> partScores(Object sheet) {
        List<Map<String, Object>> parts = new ArrayList<>();
        field(sheet, "partScores")
                .forEach((part, score) -> parts.add(
                        Map.of("part", Integer.parseInt(part.toString()), "score", ((Number) score).intValue())));
        parts.sort(Comparator.comparing(p -> (Integer) p.get("part")));
        return parts;
    }

    @SchemaMapping(typeName = "SelfAssessment", field = "answers")
    List<Map<String, Object>> answers(Object sheet) {
        List<Map<String, Object>> answers = new ArrayList<>();
        field(sheet, "answers").forEach((item, answer) -> answers.add(Map.of("item", item, "answer", answer)));
        answers.sort(Comparator.comparing(
                a -> Integer.parseInt(a.get("item").toString().substring(1))));
        return answers;
    }

    private static Map<?, ?> field(Object sheet, String name) {
        if (sheet instanceof AssessmentView view) {
            return name.equals("answers") ? view.answers() : view.partScores();
        }
        Object value = ((Map<?, ?>) sheet).get(name);
        return value == null ? new LinkedHashMap<>() : (Map<?, ?>) value;
    }
}
