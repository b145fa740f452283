package dev.civicloop.members;

import dev.civicloop.members.internal.Checks;
import dev.civicloop.spi.member.PersonalData;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Occupation;
import dev.civicloop.spi.model.OrgUnitId;

/**
 * A worker's application to enrol as a mobile grid member (招募报名): who, which community they
 * apply to, their occupation and platform, whether they are a party member (党员报到), and their
 * personal data with the consent they gave. {@link #toString()} shows no personal data.
 *
 * <pre>{@code
 * Application a = Application.of(ActorId.of("wang-bin"), OrgUnitId.of("yuanhang"), Occupation.DELIVERY_RIDER,
 *         "meituan", new PersonalData("王斌", "13812345678", null, now, "隐私告知 v3"));
 * }</pre>
 *
 * @param member the worker's id, authenticated by the caller
 * @param community the COMMUNITY unit applied to
 * @param platform the platform they work for (美团, 饿了么, 顺丰…); optional
 * @param partyMember whether they report to the community as a party member
 */
public record Application(
        ActorId member,
        OrgUnitId community,
        Occupation occupation,
        String platform,
        boolean partyMember,
        PersonalData personalData) {
    public Application {
        Checks.required("member", member);
        Checks.required("community", community);
        Checks.required("occupation", occupation);
        Checks.optionalText("platform", platform, 100);
        Checks.required("personalData", personalData);
    }

    public static Application of(ActorId member, OrgUnitId community, Occupation occupation, String platform,
            PersonalData personalData) {
        return new Application(member, community, occupation, platform, false, personalData);
    }

    /** The same application from a party member. */
    public Application asPartyMember() {
        return new Application(member, community, occupation, platform, true, personalData);
    }

    @Override
    public String toString() {
        return "Application[member=" + member + ", community=" + community + ", occupation=" + occupation
                + ", platform=" + platform + ", partyMember=" + partyMember + ", phone=" + personalData.maskedPhone() + "]";
    }
}
