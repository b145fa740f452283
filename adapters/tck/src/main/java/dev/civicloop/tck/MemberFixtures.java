package dev.civicloop.tck;

import dev.civicloop.spi.member.MemberAppend;
import dev.civicloop.spi.member.MemberEnvelope;
import dev.civicloop.spi.member.MemberEvent;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic values for member storage tests: the seed city's delivery rider applying to be a
 * part-time grid member of grid 6, a community publishing a medicine-delivery task, members
 * claiming and completing it, an anti-fraud talk attended, and the personal data kept apart from
 * all of that. The event records here are the kit's own (a store must keep any {@link MemberEvent}
 * record it is given); a durable adapter registers them with its codec the way it registers the
 * members module's. All instants have millisecond precision.
 *
 * <pre>{@code
 * store.append(MemberFixtures.append(MemberFixtures.stream(RIDER), 0, "apply-wang-bin",
 *         new MemberFixtures.MemberApplied(RIDER, "yuanhang", "delivery-rider", "meituan", true)));
 * store.putPersonalData(RIDER, MemberFixtures.riderData());
 * }</pre>
 */
public final class MemberFixtures {

    /** The fixtures' "now", with a millisecond part so truncation shows. */
    public static final Instant T0 = TicketFixtures.T0;

    /** The delivery rider of the seed case, who becomes a part-time grid member of grid 6. */
    public static final ActorId RIDER = TicketFixtures.RIDER;
    /** A neighbour who volunteers. */
    public static final ActorId NEIGHBOUR = ActorId.of("liu-yang");
    /** The community staff member who approves members and confirms tasks. */
    public static final ActorId STAFF = ActorId.of("li-na");
    /** The community of the fixtures. */
    public static final String COMMUNITY = "yuanhang";
    /** The medicine-delivery task of the seed case. */
    public static final String MEDICINE_TASK = "medicine-delivery-0511";
    /** The rider's unmasked phone number: it may only ever come back from {@code personalData}. */
    public static final String RIDER_PHONE = "13812345678";
    /** The rider's new phone number, after a replacement of the personal data. */
    public static final String RIDER_NEW_PHONE = "15987654321";
    /** The rider's unmasked resident ID number. */
    public static final String RIDER_ID_NUMBER = "11010519900307123X";

    private MemberFixtures() {}

    // ================================================================== events

    /** A worker applied to be a member of a community. */
    public record MemberApplied(ActorId member, String community, String occupation, String platform, boolean partyMember)
            implements MemberEvent {
        @Override
        public String type() {
            return "member.applied";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("community", community, "occupation", occupation, "platform", platform, "partyMember",
                    Boolean.toString(partyMember));
        }
    }

    /** The community approved a member and assigned a grid and a team. */
    public record MemberApproved(ActorId member, String grid, String team) implements MemberEvent {
        @Override
        public String type() {
            return "member.approved";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("grid", grid, "team", team);
        }
    }

    /** A member left; their personal data are erased after the retention period. */
    public record MemberLeft(ActorId member, String reason) implements MemberEvent {
        @Override
        public String type() {
            return "member.left";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("reason", reason);
        }
    }

    /** A community published a service task with a number of slots; about no one member. */
    public record TaskPublished(String task, String community, String place, int slots) implements MemberEvent {
        @Override
        public String type() {
            return "task.published";
        }

        @Override
        public ActorId member() {
            return null;
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("task", task, "community", community, "place", place, "slots", Integer.toString(slots));
        }
    }

    /** A member claimed a slot of a task. */
    public record TaskClaimed(String task, ActorId member) implements MemberEvent {
        @Override
        public String type() {
            return "task.claimed";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("task", task);
        }
    }

    /** Staff confirmed a member's completion of a task, with the hours served. */
    public record TaskCompleted(String task, ActorId member, int hours) implements MemberEvent {
        @Override
        public String type() {
            return "task.completed";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("task", task, "hours", Integer.toString(hours));
        }
    }

    /** A member attended an activity. */
    public record ActivityAttended(String activity, ActorId member) implements MemberEvent {
        @Override
        public String type() {
            return "activity.attended";
        }

        @Override
        public Map<String, String> attributes() {
            return Map.of("activity", activity);
        }
    }

    /** A note with free attributes, to fill an event to every limit. */
    public record MemberNoted(ActorId member, Map<String, String> notes) implements MemberEvent {
        public MemberNoted {
            notes = Map.copyOf(notes);
        }

        @Override
        public String type() {
            return "member.noted";
        }

        @Override
        public Map<String, String> attributes() {
            return notes;
        }
    }

    // ================================================================== streams and appends

    /** A member's stream, {@code member:<id>}. */
    public static String stream(ActorId member) {
        return "member:" + member.value();
    }

    /** A task's stream, {@code task:<id>}. */
    public static String taskStream(String task) {
        return "task:" + task;
    }

    /** An event of a stream by {@link #STAFF}, at {@code T0 + version seconds}. */
    public static MemberEnvelope envelope(String stream, long version, String commandId, MemberEvent event) {
        return new MemberEnvelope(stream, version, T0.plusSeconds(version), STAFF, CommandId.of(commandId), event);
    }

    /** An append of events to a stream at an expected version, under one command id. */
    public static MemberAppend append(String stream, long expectedVersion, String commandId, MemberEvent... events) {
        List<MemberEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            envelopes.add(envelope(stream, expectedVersion + 1 + i, commandId, events[i]));
        }
        return new MemberAppend(stream, expectedVersion, envelopes);
    }

    /** A member's application, as the first event of their stream. */
    public static MemberAppend application(ActorId member, String commandId) {
        return append(stream(member), 0, commandId,
                new MemberApplied(member, COMMUNITY, "delivery-rider", "meituan", true));
    }

    /** A member's approval (grid 6, team 骑聚三营) on top of their application. */
    public static MemberAppend approval(ActorId member, long expectedVersion, String commandId) {
        return append(stream(member), expectedVersion, commandId, new MemberApproved(member, "grid-6", "骑聚三营"));
    }

    /**
     * The notice a member's approval causes: {@code member.approved} to the member, about no
     * ticket, created at {@code T0 + 2 s}, its text holding the phone only masked, its id derived
     * from the stream and version of the event ({@code member.approved:member:wang-bin@2}).
     */
    public static Notification approvalNotice(ActorId member, long version) {
        return new Notification("member.approved:" + stream(member) + "@" + version, "member.approved",
                Recipient.actor(member.value()), null, T0.plusSeconds(2), false,
                Map.of("text", "您的报名已通过：远航社区 第六网格（联系电话 138****5678）。", "community", COMMUNITY));
    }

    /**
     * A note that fills an event to every limit: 32 attributes, one value of 1000 characters
     * mixing Chinese and ASCII, a stream id, actor and command id of 128 characters, and an
     * instant with milliseconds. A store that truncates a column or drops an entry fails.
     */
    public static MemberAppend fullAppend() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("community", COMMUNITY);
        notes.put("reason", "送药上门 · 独居老人 · 6号网格兼职网格员");
        StringBuilder long1000 = new StringBuilder();
        while (long1000.length() < 1000) {
            long1000.append("服务说明 service explained; ");
        }
        notes.put("explanation", long1000.substring(0, 1000));
        for (int i = notes.size(); i < 32; i++) {
            notes.put("k" + i, "v" + i);
        }
        String stream = "member:" + "x".repeat(128 - "member:".length());
        String command = "full-note-" + "c".repeat(128 - "full-note-".length());
        ActorId actor = ActorId.of("staff-" + "a".repeat(128 - "staff-".length()));
        return new MemberAppend(stream, 0, List.of(new MemberEnvelope(stream, 1, T0.plusMillis(987), actor,
                CommandId.of(command), new MemberNoted(RIDER, notes))));
    }

    // ================================================================== personal data

    /** The rider's personal data: phone {@link #RIDER_PHONE}, ID number {@link #RIDER_ID_NUMBER}. */
    public static PersonalData riderData() {
        return new PersonalData("王斌", RIDER_PHONE, RIDER_ID_NUMBER, T0.minusSeconds(60), "consent-2026-05 v1");
    }

    /** The rider's data after they changed phone ({@link #RIDER_NEW_PHONE}) and consented again, without ID number. */
    public static PersonalData riderNewData() {
        return new PersonalData("王斌", RIDER_NEW_PHONE, null, T0.plusSeconds(86_400).plusMillis(3), "consent-2026-06 v2");
    }

    /** The neighbour's personal data. */
    public static PersonalData neighbourData() {
        return new PersonalData("刘洋", "13900001111", "44030119851120002x", T0.minusSeconds(7200), "consent-2026-05 v1");
    }

    /** Personal data filled to every limit: a 100-character name and a 200-character consent text. */
    public static PersonalData fullData() {
        StringBuilder name = new StringBuilder();
        while (name.length() < 100) {
            name.append("欧阳·Ouyang ");
        }
        StringBuilder consent = new StringBuilder();
        while (consent.length() < 200) {
            consent.append("本人同意社区处理上述个人信息 I consent; ");
        }
        return new PersonalData(name.substring(0, 100), "18600000000", "110105199003071234", T0.plusMillis(987),
                consent.substring(0, 200));
    }
}
