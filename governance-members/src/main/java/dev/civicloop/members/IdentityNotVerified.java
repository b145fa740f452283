package dev.civicloop.members;

import dev.civicloop.members.internal.Masking;
import dev.civicloop.spi.GovernanceException;
import dev.civicloop.spi.model.ActorId;

/**
 * The city's {@link dev.civicloop.spi.member.IdentityVerifier} refused an applicant (实名认证未通过).
 * Nothing was stored, not even the personal data. {@link #reason()} is the verifier's reason,
 * with any phone or ID number in it masked.
 */
public final class IdentityNotVerified extends GovernanceException {
    private static final long serialVersionUID = 1L;
    private final transient ActorId member;
    private final String reason;

    public IdentityNotVerified(ActorId member, String reason) {
        super(member + " failed the identity check: " + Masking.text(reason));
        this.member = member;
        this.reason = Masking.text(reason);
    }

    public ActorId member() {
        return member;
    }

    /** Why the check failed, as the verifier said it (masked). */
    public String reason() {
        return reason;
    }
}
