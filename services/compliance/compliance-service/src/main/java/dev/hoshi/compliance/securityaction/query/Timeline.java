package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.compliance.api.EffectiveDated;
import dev.hoshi.compliance.api.control.ControlStatusUpdatedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyAdoptedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyPublishedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.BasicPolicyWithdrawnEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationRecordedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.DeclarationStoppedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.FiveArticlesCommittedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCadenceSetEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewCompletedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.ReviewOverdueEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SecurityActionLevelLapsedEvent;
import dev.hoshi.compliance.api.securityaction.SecurityActionEvents.SelfAssessmentSubmittedEvent;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.TimelineEntryView;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatusChangedEvent;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.compliance.securityaction.domain.SecurityActionState;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The audit trail: every change with who made it, when it was recorded and when it took effect, and Hoshi's
 * conclusions where the declared level, the standing or the eligible level moved (a lapse found by the daily check
 * shows here as the system's entry).
 */
final class Timeline {

    private Timeline() {}

    static List<TimelineEntryView> of(List<DomainEventMessage<?>> events, SecurityActionState.Rules rules) {
        List<TimelineEntryView> entries = new ArrayList<>();
        SecurityActionStatus previous = new SecurityActionState(rules).statusOn(LocalDate.MIN);
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (!(event instanceof EffectiveDated dated)) {
                continue;
            }
            if (event instanceof SecurityActionStatusChangedEvent changed) {
                // Hoshi's conclusions are shown where the level or the standing moved, not for every new score
                SecurityActionStatus was = previous;
                previous = changed.status();
                if (sameLevels(was, changed.status())) {
                    continue;
                }
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

    private static String levelJa(SecurityActionLevel level) {
        return switch (level) {
            case NONE -> "なし";
            case ONE_STAR -> "一つ星";
            case TWO_STARS -> "二つ星";
        };
    }

    private static String standingJa(Standing standing) {
        return switch (standing) {
            case NOT_DECLARED -> "未宣言";
            case GOOD -> "良好";
            case PREREQUISITES_LAPSED -> "前提条件の失効";
        };
    }

    private static boolean sameLevels(SecurityActionStatus a, SecurityActionStatus b) {
        return a.declaredLevel() == b.declaredLevel()
                && a.standing() == b.standing()
                && a.eligibleLevel() == b.eligibleLevel();
    }

    /** English and Japanese one-liners. */
    static String[] describe(Object event) {
        if (event instanceof FiveArticlesCommittedEvent e) {
            return new String[] {
                "Committed to articles " + e.articles() + " of the 5 (guideline " + e.edition() + ")",
                "5か条（ガイドライン第" + e.edition() + "版）のうち " + e.articles() + " に取り組むと宣言"
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
        } else if (event instanceof DeclarationStoppedEvent e) {
            return new String[] {
                "Declaration " + e.level() + " stopped (ID " + e.declarationId() + ")",
                "自己宣言 " + e.level() + " を停止（ID " + e.declarationId() + "）"
            };
        } else if (event instanceof SecurityActionStatusChangedEvent e) {
            SecurityActionStatus s = e.status();
            boolean lapsed = s.standing() == Standing.PREREQUISITES_LAPSED;
            return new String[] {
                "Hoshi's status: declared " + s.declaredLevel() + ", standing " + s.standing()
                        + (lapsed ? " since " + s.lapsedOn() + " (" + s.lapseReason() + ")" : "") + ", eligible "
                        + s.eligibleLevel(),
                "Hoshiの判定: 宣言 " + levelJa(s.declaredLevel()) + "、状況 " + standingJa(s.standing())
                        + (lapsed ? "（" + s.lapsedOn() + " から、" + s.lapseReason() + "）" : "") + "、宣言可能 "
                        + levelJa(s.eligibleLevel())
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
