package dev.hoshi.platform.axon;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a named projection on a running service: its processor stops, its {@code @ResetHandler} empties its read
 * model, its tokens go back to the start of the event store, and it starts again, replaying every event (Axon's
 * replay: handlers see a {@code ReplayToken}, live-only effects such as subscription messages stay quiet).
 *
 * <p>A projection is named by its processing group, exactly as the service's processors know it (looked up, never a
 * list of its own), or by that name without its layout version ({@code compliance-dashboard} for {@code
 * compliance-dashboard-v2}), so an operator's runbook survives a new layout. Before anything is emptied every segment
 * of the processor is claimed here: while another replica holds one, the rebuild is refused ({@code PROJECTION_BUSY})
 * and nothing changes. A processor whose handlers all refuse replay ({@code @DisallowReplay}: a record, not derived
 * state) is never reset ({@code PROJECTION_NOT_REBUILDABLE}).
 */
public final class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** What was rebuilt: the processing group, and how many segments (token entries) now replay from the start. */
    public record Rebuild(String processingGroup, int segments) {}

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;

    public ProjectionRebuilds(EventProcessingConfiguration processing, TokenStore tokenStore) {
        this.processing = processing;
        this.tokenStore = tokenStore;
    }

    /** The processing groups of this service's projections that can be rebuilt (their handlers replay), sorted. */
    public List<String> names() {
        return processors().entrySet().stream()
                .filter(e -> e.getValue().supportsReset())
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Rebuilds the projection {@code name} names; {@code UNKNOWN_PROJECTION} (listing the names there are) when none,
     * {@code PROJECTION_BUSY} when another instance holds one of its segments. Returns once the processor runs again;
     * the replay itself goes on in the background.
     */
    public synchronized Rebuild rebuild(String name) {
        String group = resolve(name).orElseThrow(() -> unknown(name));
        StreamingEventProcessor processor = processors().get(group);
        if (!processor.supportsReset()) {
            throw new HoshiException(
                    "PROJECTION_NOT_REBUILDABLE",
                    ErrorKind.INVALID_INPUT,
                    group + " keeps a record that its events alone cannot rebuild (its handlers do not replay), so it"
                            + " is never reset. Projections that can be rebuilt: " + String.join(", ", names()) + ".",
                    group + " はイベントだけでは再構築できない記録を保持しているため、リセットできません。" + "再構築できるプロジェクション: " + String.join(", ", names())
                            + "。");
        }
        processor.shutDown();
        int[] segments;
        try {
            segments = claimAll(group);
            processor.resetTokens();
        } finally {
            processor.start();
        }
        log.info(
                "Projection {} reset: replaying {} segment(s) from the start of the event store",
                group,
                segments.length);
        return new Rebuild(group, segments.length);
    }

    /** The processing group {@code name} names: itself, or the one that is {@code name} plus a version suffix. */
    Optional<String> resolve(String name) {
        Map<String, StreamingEventProcessor> processors = processors();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (processors.containsKey(name)) {
            return Optional.of(name);
        }
        List<String> versioned = new ArrayList<>();
        for (String group : processors.keySet()) {
            if (LayoutVersions.base(group).equals(name)) {
                versioned.add(group);
            }
        }
        return versioned.size() == 1 ? Optional.of(versioned.get(0)) : Optional.empty();
    }

    /** Claims every segment for this instance, or releases what it claimed and refuses. */
    private int[] claimAll(String group) {
        int[] segments = tokenStore.fetchSegments(group);
        List<Integer> claimed = new ArrayList<>();
        try {
            for (int segment : segments) {
                tokenStore.fetchToken(group, segment);
                claimed.add(segment);
            }
            return segments;
        } catch (UnableToClaimTokenException e) {
            claimed.forEach(segment -> tokenStore.releaseClaim(group, segment));
            throw new HoshiException(
                    "PROJECTION_BUSY",
                    ErrorKind.CONFLICT,
                    "Another instance is processing " + group + " (" + e.getMessage()
                            + "). Stop the projection's other instances, or wait for their claims to time out, and"
                            + " try again. Nothing was changed.",
                    "別のインスタンスが " + group + " を処理中です。他のインスタンスを停止するか、" + "その処理権の期限切れを待ってから再実行してください。何も変更されていません。");
        }
    }

    private Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    private HoshiException unknown(String name) {
        String known = String.join(", ", names());
        return new HoshiException(
                "UNKNOWN_PROJECTION",
                ErrorKind.INVALID_INPUT,
                "No projection is named '" + name + "' in this service. Name one of: " + known + ".",
                "このサービスに「" + name + "」という名前のプロジェクションはありません。次のいずれかを指定してください: " + known + "。");
    }
}
