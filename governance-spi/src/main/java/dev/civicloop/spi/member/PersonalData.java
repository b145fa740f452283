package dev.civicloop.spi.member;

import dev.civicloop.spi.InvalidInput;
import dev.civicloop.spi.internal.Check;
import java.time.Instant;

/**
 * What identifies a member as a person, kept apart from the event streams so it can be erased on
 * leave after the city's retention period while tickets and points stay (pseudonymised). Never
 * shown, logged or sent unmasked; {@link #toString()} masks.
 *
 * @param phone an 11-digit mainland mobile number
 * @param idNumber the resident ID number, if the city's real-name check needs it; may be null
 * @param consentAt when the member consented to the processing of these data
 * @param consentText the version or text of the consent they gave
 */
public record PersonalData(String name, String phone, String idNumber, Instant consentAt, String consentText) {
    public PersonalData {
        Check.text("name", name, 100);
        Check.notNull("phone", phone);
        if (!phone.matches("1\\d{10}")) {
            throw new InvalidInput("phone", "must be an 11-digit mainland mobile number starting with 1");
        }
        if (idNumber != null && !idNumber.matches("\\d{17}[\\dXx]")) {
            throw new InvalidInput("idNumber", "must be an 18-character resident ID number");
        }
        Check.notNull("consentAt", consentAt);
        Check.text("consentText", consentText, 200);
    }

    /** {@code 138****5678}. */
    public String maskedPhone() {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /** The first 6 and last 4 characters of the ID number, the rest masked; null if none. */
    public String maskedIdNumber() {
        return idNumber == null ? null : idNumber.substring(0, 6) + "********" + idNumber.substring(14);
    }

    @Override
    public String toString() {
        return "PersonalData[name=" + name + ", phone=" + maskedPhone() + ", idNumber=" + maskedIdNumber() + ", consentAt="
                + consentAt + ", consentText=" + consentText + "]";
    }
}
