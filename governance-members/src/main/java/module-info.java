/**
 * CivicLoop members: enrolment of mobile grid members (apply → check → approve, suspend,
 * reinstate, leave), teams, service tasks and activities; the actor directory the ticket engine
 * authorises with; personal data kept apart, masked everywhere and erased after retention.
 */
module dev.civicloop.members {
    requires transitive dev.civicloop.core;
    requires org.slf4j;

    exports dev.civicloop.members;
}
