package dev.civicloop.members;

import dev.civicloop.spi.model.OrgUnitId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a community's members did in {@code [from, to)}: the seeds' "60+ riders joined",
 * "20+ mobile grid members, 10+ activities". A projection of the member event feed.
 *
 * @param activeMembers members active in the community now (from the {@link MemberLookup})
 * @param teams teams of the community that existed at {@code to}
 * @param teamMembers distinct members of those teams at {@code to}
 * @param tasksPublished service tasks published in the period
 * @param tasksDone distinct tasks with at least one completion confirmed in the period
 * @param taskCompletions completions confirmed in the period (one per member and task)
 * @param hoursServed hours of the completions plus hours of the attendances in the period
 * @param activitiesHeld distinct activities with at least one attendance recorded in the period
 * @param attendance attendances recorded in the period (one per member and activity)
 */
public record CommunityStatistics(OrgUnitId community, Instant from, Instant to, int activeMembers, int teams,
        int teamMembers, int tasksPublished, int tasksDone, int taskCompletions, BigDecimal hoursServed,
        int activitiesHeld, int attendance) {}
