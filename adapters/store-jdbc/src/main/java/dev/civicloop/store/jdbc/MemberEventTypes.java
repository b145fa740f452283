package dev.civicloop.store.jdbc;

import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.member.MemberEvent;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The member event records a {@link JdbcMemberStore} may store and read back. {@link MemberEvent}
 * is open (any module adds its own records), so the store keeps each event as JSON plus a type
 * name and needs to know which record class a name stands for; an event whose class is not
 * registered is refused on append. The name is the record's class name unless given; give the old
 * name when a record moves or is renamed, so events already stored still read back.
 *
 * <pre>{@code
 * MemberEventTypes types = MemberEventTypes.builder()
 *         .sealed(EnrolmentEvent.class)   // every record it permits, also through nested sealed interfaces
 *         .sealed(TeamEvent.class).sealed(TaskEvent.class).sealed(ActivityEvent.class)
 *         .add(MyCityEvent.class)
 *         .build();
 * MemberStore members = db.memberStore(types);
 * }</pre>
 *
 * <p>Records are written and read through their public accessors and canonical constructor, so
 * they must be public records in an exported package; their components may be other records,
 * enums, strings, numbers, {@code java.time} values, lists and maps of those.
 */
public final class MemberEventTypes {
    private final Map<String, Class<? extends MemberEvent>> byName;
    private final Map<Class<? extends MemberEvent>, String> byClass;

    private MemberEventTypes(Map<String, Class<? extends MemberEvent>> byName,
            Map<Class<? extends MemberEvent>, String> byClass) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name a record class is stored under, if registered. */
    public Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    /** The record class a stored name stands for, if registered. */
    public Optional<Class<? extends MemberEvent>> typeOf(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every registered name and its record class, in registration order. */
    public Map<String, Class<? extends MemberEvent>> all() {
        return byName;
    }

    @Override
    public String toString() {
        return "MemberEventTypes" + byName.keySet();
    }

    /** Collects the record classes; each check names what was wrong. */
    public static final class Builder {
        private final Map<String, Class<? extends MemberEvent>> byName = new LinkedHashMap<>();
        private final Map<Class<? extends MemberEvent>, String> byClass = new LinkedHashMap<>();

        private Builder() {}

        /** Registers a record under its class name. */
        public Builder add(Class<? extends MemberEvent> type) {
            if (type == null) {
                throw new InvalidConfiguration("MemberEventTypes.add: the event type is required");
            }
            return add(type.getName(), type);
        }

        /**
         * Registers a record under a name, e.g. the class name it had before it moved. A class may
         * have several names (all read back); it is written under the first.
         */
        public Builder add(String name, Class<? extends MemberEvent> type) {
            if (name == null || name.isBlank() || name.length() > 500) {
                throw new InvalidConfiguration("MemberEventTypes.add: a name of 1 to 500 characters is required, was "
                        + name);
            }
            checkRecord(type);
            Class<? extends MemberEvent> earlier = byName.get(name);
            if (earlier != null && earlier != type) {
                throw new InvalidConfiguration("MemberEventTypes.add: name " + name + " is already registered for "
                        + earlier.getName() + ", cannot register it for " + type.getName());
            }
            byName.put(name, type);
            byClass.putIfAbsent(type, name);
            return this;
        }

        /**
         * Registers every record a sealed interface permits, also through nested sealed
         * interfaces, each under its class name.
         */
        public Builder sealed(Class<? extends MemberEvent> sealedInterface) {
            if (sealedInterface == null || !sealedInterface.isSealed()) {
                throw new InvalidConfiguration("MemberEventTypes.sealed: a sealed interface extending MemberEvent is"
                        + " required, was " + (sealedInterface == null ? null : sealedInterface.getName()));
            }
            for (Class<?> permitted : sealedInterface.getPermittedSubclasses()) {
                Class<? extends MemberEvent> sub = permitted.asSubclass(MemberEvent.class);
                if (sub.isRecord()) {
                    add(sub);
                } else if (sub.isSealed()) {
                    sealed(sub);
                } else {
                    throw new InvalidConfiguration("MemberEventTypes.sealed: " + sealedInterface.getName() + " permits "
                            + sub.getName() + ", which is neither a record nor sealed; register its records with add()");
                }
            }
            return this;
        }

        public MemberEventTypes build() {
            return new MemberEventTypes(byName, byClass);
        }

        private static void checkRecord(Class<?> type) {
            if (type == null) {
                throw new InvalidConfiguration("MemberEventTypes.add: the event type is required");
            }
            if (!type.isRecord() || !MemberEvent.class.isAssignableFrom(type)) {
                throw new InvalidConfiguration("MemberEventTypes.add: " + type.getName()
                        + " must be a record implementing MemberEvent");
            }
            if (!Modifier.isPublic(type.getModifiers())) {
                throw new InvalidConfiguration("MemberEventTypes.add: " + type.getName() + " must be public, so the store"
                        + " can read it back through its canonical constructor");
            }
            if (type.getModule().isNamed() && !type.getModule().isExported(type.getPackageName())) {
                throw new InvalidConfiguration("MemberEventTypes.add: " + type.getName() + " is in package "
                        + type.getPackageName() + ", which module " + type.getModule().getName() + " does not export");
            }
        }
    }
}
