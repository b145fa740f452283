package dev.civicloop.spi.member;

/**
 * The city's real-name check (实名认证), called when a worker applies. The default verifies
 * nothing and accepts everyone; a city plugs in its own service.
 */
@FunctionalInterface
public interface IdentityVerifier {
    /** Accepts everyone. */
    IdentityVerifier NONE = data -> Result.ok();

    Result verify(PersonalData data);

    /**
     * The outcome.
     *
     * @param reason why it failed, for the applicant; null when verified
     */
    record Result(boolean verified, String reason) {
        public static Result ok() {
            return new Result(true, null);
        }

        public static Result failed(String reason) {
            return new Result(false, reason);
        }
    }
}
