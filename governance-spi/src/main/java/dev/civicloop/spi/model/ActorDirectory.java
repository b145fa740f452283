package dev.civicloop.spi.model;

import java.util.Optional;

/**
 * Who an actor is now: roles, org scope and departments, from the city's own records (members,
 * staff). When the engine has a directory it authorises every command with the directory's actor
 * for the command's actor id, not with the roles the caller put in the command; an id the
 * directory does not know, or a member who is suspended or has left, may do nothing.
 */
@FunctionalInterface
public interface ActorDirectory {
    /** The actor with this id as the city knows it now; empty if unknown or not active. */
    Optional<Actor> find(ActorId id);
}
