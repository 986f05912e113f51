package dev.hoshi.compliance.securityaction.graphql;

import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A sheet's part scores and answers as GraphQL lists, in part and item order. The sheet arrives as its view, in a list
 * of sheets and inside a status alike.
 */
@Controller
class SelfAssessmentFields {

    @SchemaMapping(typeName = "SelfAssessment", field = "partScores")
    List<Map<String, Object>> partScores(AssessmentView sheet) {
        List<Map<String, Object>> parts = new ArrayList<>();
        orEmpty(sheet.partScores()).forEach((part, score) -> parts.add(Map.of("part", part, "score", score)));
        parts.sort(Comparator.comparing(p -> (Integer) p.get("part")));
        return parts;
    }

    @SchemaMapping(typeName = "SelfAssessment", field = "answers")
    List<Map<String, Object>> answers(AssessmentView sheet) {
        List<Map<String, Object>> answers = new ArrayList<>();
        orEmpty(sheet.answers()).forEach((item, answer) -> answers.add(Map.of("item", item, "answer", answer)));
        answers.sort(Comparator.comparing(
                a -> Integer.parseInt(a.get("item").toString().substring(1))));
        return answers;
    }

    /** A sheet without parts or answers (none is stored so, but a status answered empty lists for it) lists none. */
    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
