package org.planregistry.query.eventstream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.planregistry.query.access.Audience;
import org.planregistry.query.timeline.PlanDocument;
import org.planregistry.query.timeline.TimelineStore;

/**
 * Which evaluations the public may follow in the stream: those whose publication the plan view has recorded. The
 * plan's own document says so (one look-up by key per plan in a page, no event decoded); a publication is final,
 * so once seen it is kept here and not asked again. The view may lag the store by a moment: an evaluation published
 * in that moment stays hidden a little longer, never the other way round.
 */
class PublishedEvaluations {

    private final TimelineStore plans;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    PublishedEvaluations(TimelineStore plans) {
        this.plans = plans;
    }

    /**
     * The page as {@code audience} may read it: without the events of evaluations not published for a reader who
     * may not see those. Its position stays the page's, so a reader passes over what it may not see.
     */
    FeedPage visibleTo(FeedPage page, Audience audience) {
        if (audience.seesUnpublished() || page.events().stream().allMatch(e -> e.evaluation() == null)) {
            return page;
        }
        Map<String, Set<String>> publishedByPlan = new HashMap<>();
        List<FeedEvent> visible = page.events().stream()
                .filter(e -> e.evaluation() == null || isPublished(e.plan(), e.evaluation(), publishedByPlan))
                .toList();
        return new FeedPage(visible, page.position(), page.waitingFor(), page.atHead());
    }

    private boolean isPublished(String plan, String evaluation, Map<String, Set<String>> publishedByPlan) {
        String key = plan + "/" + evaluation;
        if (known.contains(key)) {
            return true;
        }
        Set<String> published = publishedByPlan.computeIfAbsent(plan, code -> plans.plan(code)
                .map(PlanDocument::publishedEvaluations).orElse(Set.of()));
        if (published.contains(evaluation)) {
            known.add(key);
            return true;
        }
        return false;
    }
}
