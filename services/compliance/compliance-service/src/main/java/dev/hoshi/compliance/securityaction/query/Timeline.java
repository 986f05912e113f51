package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.compliance.api.EffectiveDated;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyPublishedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCadenceSetEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SecurityActionLevelLapsedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.TimelineEntryView;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** The audit trail: every change with who made it, when it was recorded and when it took effect. */
final class Timeline {

    private Timeline() {}

    static List<TimelineEntryView> of(List<DomainEventMessage<?>> events) {
        List<TimelineEntryView> entries = new ArrayList<>();
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (!(event instanceof EffectiveDated dated)) {
                continue;
            }
            String[] text = describe(event);
            LocalDate recordedOn =
                    message.getTimestamp().atZone(BusinessTime.ZONE).toLocalDate();
            entries.add(new TimelineEntryView(
                    event.getClass().getSimpleName(),
                    text[0],
                    text[1],
                    String.valueOf(message.getMetaData().get("actor")),
                    message.getTimestamp(),
                    dated.effectiveOn(),
                    dated.effectiveOn().isBefore(recordedOn),
                    String.valueOf(message.getMetaData().get("correlationId"))));
        }
        entries.sort(Comparator.comparing(TimelineEntryView::recordedAt));
        return entries;
    }

    /** English and Japanese one-liners. */
    static String[] describe(Object event) {
        if (event instanceof FiveArticlesCommittedEvent e) {
            return new String[] {
                "Committed to articles " + e.articles() + " of the 5", "5か条のうち " + e.articles() + " に取り組むと宣言"
            };
        } else if (event instanceof SelfAssessmentSubmittedEvent e) {
            String unit = e.unit() == null ? "" : " (" + e.unit() + ")";
            return new String[] {
                "Self-assessment" + unit + " scored " + e.score() + " (" + e.band() + ")",
                "自社診断" + unit + "：" + e.score() + "点（" + e.band() + "）"
            };
        } else if (event instanceof BasicPolicyAdoptedEvent) {
            return new String[] {"Basic security policy adopted", "情報セキュリティ基本方針を策定"};
        } else if (event instanceof BasicPolicyPublishedEvent e) {
            return new String[] {"Basic policy published at " + e.publicUrl(), "基本方針を公開: " + e.publicUrl()};
        } else if (event instanceof BasicPolicyWithdrawnEvent) {
            return new String[] {"Basic policy withdrawn", "基本方針を取り下げ"};
        } else if (event instanceof DeclarationRecordedEvent e) {
            return new String[] {
                "Declaration " + e.level() + " recorded (ID " + e.declarationId() + ")",
                "自己宣言 " + e.level() + " を記録（ID " + e.declarationId() + "）"
            };
        } else if (event instanceof SecurityActionLevelLapsedEvent e) {
            return new String[] {
                "Level fell from " + e.from() + " to " + e.to() + ": " + e.reason(),
                "段階が " + e.from() + " から " + e.to() + " に失効: " + e.reason()
            };
        } else if (event instanceof ReviewCompletedEvent e) {
            return new String[] {e.kind() + " review completed", e.kind() + " の見直しを完了"};
        } else if (event instanceof ReviewOverdueEvent e) {
            return new String[] {
                e.kind() + " review overdue since " + e.dueOn(), e.kind() + " の見直し期限（" + e.dueOn() + "）超過"
            };
        } else if (event instanceof ReviewCadenceSetEvent e) {
            return new String[] {"Reviews every " + e.months() + " months", "見直し間隔を " + e.months() + " か月に設定"};
        } else if (event instanceof ControlStatusUpdatedEvent e) {
            return new String[] {
                "Control " + e.controlId() + " set to " + e.status(),
                "管理策 " + e.controlId() + " を " + e.status() + " に更新"
            };
        }
        return new String[] {event.getClass().getSimpleName(), event.getClass().getSimpleName()};
    }
}
