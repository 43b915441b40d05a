package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class RecentPlansTest {

    @Test
    void keepsPlansThroughGarbageCollections() {
        RecentPlans plans = new RecentPlans(10);
        plans.put("SZ-FIN-14FYP", new Object()); // referenced from nowhere else, as a loaded aggregate is
        System.gc();
        System.gc();
        assertThat((Object) plans.get("SZ-FIN-14FYP")).isNotNull();
    }

    @Test
    void theLeastRecentlyUsedPlanLeavesFirst() {
        RecentPlans plans = new RecentPlans(2);
        List<String> expired = new ArrayList<>();
        plans.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add((String) key);
            }
        });
        plans.put("A", "plan A");
        plans.put("B", "plan B");
        plans.get("A"); // A is now the more recently used
        plans.put("C", "plan C");

        assertThat(plans.containsKey("A")).isTrue();
        assertThat(plans.containsKey("B")).isFalse();
        assertThat(plans.containsKey("C")).isTrue();
        assertThat(expired).containsExactly("B");
    }

    @Test
    void removesWhatAxonEvictsAfterAFailedCommit() {
        RecentPlans plans = new RecentPlans(5);
        plans.put("A", "plan A");
        assertThat(plans.putIfAbsent("A", "other")).isFalse();
        assertThat(plans.remove("A")).isTrue();
        assertThat(plans.containsKey("A")).isFalse();
        assertThat(plans.putIfAbsent("A", "again")).isTrue();
        assertThat((Object) plans.get("A")).isEqualTo("again");
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new RecentPlans(0)).hasMessageContaining("registry.command.cached-plans");
    }
}
