package org.planregistry.query.access;

import java.util.Set;

import org.planregistry.query.timeline.PlanTimeline;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who a read is answered for, and so what it may show (docs/security.md, "What is public and who sees what"). Plans
 * are public documents; what is not public is an evaluation before its publication (with its findings) and the names
 * of the officials who recorded things.
 *
 * <p>Resolved once per request from its {@link Authentication} and handed to the controllers as a parameter
 * ({@link AudienceResolver}); the event stream carries it to the threads that write to a follower, which never look
 * at the security context themselves. Only authorities and the anonymous token are consulted, so a JWT sign-in with
 * {@code ROLE_*} authorities reads as an HTTP Basic one does.
 *
 * @param seesUnpublished whether evaluations not yet published, and their findings, are shown (evaluators,
 *                        auditors)
 * @param seesNames       whether the names of the people who recorded events are shown (anyone signed in); the
 *                        public sees their role only
 */
public record Audience(boolean seesUnpublished, boolean seesNames) {

    /** Anyone, without a sign-in. */
    public static final Audience PUBLIC = new Audience(false, false);
    /** Signed in, without a role that may see unpublished evaluations (reader, registrar, operator). */
    public static final Audience SIGNED_IN = new Audience(false, true);
    /** Evaluators and auditors: everything. */
    public static final Audience EVERYTHING = new Audience(true, true);

    private static final Set<String> SEE_UNPUBLISHED = Set.of("ROLE_EVALUATOR", "ROLE_AUDITOR");

    public static Audience of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return PUBLIC;
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(SEE_UNPUBLISHED::contains) ? EVERYTHING : SIGNED_IN;
    }

    /** Whether this audience may see the records of an evaluation that is published or not. */
    public boolean sees(boolean publishedEvaluation) {
        return publishedEvaluation || seesUnpublished;
    }

    /** The plan as this audience may read it; every plan question answers from this, never from the view as held. */
    public PlanTimeline view(PlanTimeline timeline) {
        PlanTimeline visible = seesUnpublished ? timeline : timeline.withoutUnpublishedEvaluations();
        return seesNames ? visible : visible.withoutActors();
    }
}
