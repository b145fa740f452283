package dev.civicloop.core;

import dev.civicloop.core.command.TicketCommand;
import dev.civicloop.core.internal.DefaultEngine;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.InvalidConfiguration;
import dev.civicloop.spi.model.ActorDirectory;
import dev.civicloop.spi.model.ActorId;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notifier;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.spi.store.OutboxStore;
import dev.civicloop.spi.store.Page;
import dev.civicloop.spi.store.TicketQuery;
import dev.civicloop.spi.store.TicketStore;
import dev.civicloop.spi.store.TicketSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The ticket workflow engine: the one entry point of governance-core. Thread-safe; share one per
 * application. Every change is a {@link TicketCommand} checked against the ticket's workflow,
 * the actor's role and org scope, and appended as events under optimistic concurrency together
 * with the notifications it causes.
 *
 * <pre>{@code
 * GovernanceEngine engine = GovernanceEngine.builder()
 *         .store(new InMemoryTicketStore())
 *         .orgUnits(orgTree).departments(departments).categories(categories)
 *         .build();
 * TicketView t = engine.handle(new Report(CommandId.of("r-1"), rider, "gas_leak",
 *         Location.address("尚溪小区 3 栋"), "院内燃气味很重", List.of(), OrgUnitId.of("grid-6")));
 * }</pre>
 */
public interface GovernanceEngine {

    /**
     * Carries out a command and returns the ticket after it. Retrying a command with the same
     * id returns the first result and changes nothing.
     *
     * @throws dev.civicloop.spi.InvalidInput a field broke a rule (named in the exception)
     * @throws dev.civicloop.spi.TransitionNotAllowed the ticket's state does not allow the command
     * @throws dev.civicloop.spi.NotAuthorized the actor lacks the role or the org scope
     * @throws dev.civicloop.spi.ConcurrencyConflict another writer changed the ticket first; retry
     * @throws dev.civicloop.spi.DuplicateCommand the command id was used for another command
     * @throws dev.civicloop.spi.NotFound the ticket does not exist
     */
    TicketView handle(TicketCommand command);

    /** The ticket as it stands. */
    TicketView ticket(TicketId ticketId);

    /** The ticket's whole history, oldest first. */
    List<TimelineEntry> history(TicketId ticketId);

    /** Ticket summaries by state, org unit, time window, paged. */
    Page<TicketSummary> tickets(TicketQuery query);

    /**
     * The clock's first pass (临期提醒): reminds whoever must act on each running claim or resolve
     * deadline that is near but not yet missed, once per deadline instance (a deadline started again
     * by a reopening or a new dispatch is reminded again). A {@code TicketReminded} event by the actor
     * {@code clock}, state unchanged, and a {@code reminded} notification to the assignee: the
     * community to claim (before any dispatch, the unit the ticket was reported in), the departments
     * that have still to resolve, lead first. A deadline is reminded at
     * {@link RunningDeadline#remindAt()}: the later of its due instant minus
     * {@link Builder#remindBefore(Duration) remindBefore} and the middle of its span, so a one-hour
     * urgent claim is reminded after half an hour, not the moment it starts; a deadline already past
     * its due instant is left to {@link #escalateOverdue()}. Returns the events appended.
     *
     * <p>Run both passes on the same schedule, every few minutes:
     * <pre>{@code
     * scheduler.scheduleWithFixedDelay(() -> {
     *     engine.remindDeadlines();
     *     engine.escalateOverdue();
     * }, 0, 5, TimeUnit.MINUTES);
     * }</pre>
     */
    int remindDeadlines();

    /**
     * The clock's second pass: escalates every missed claim or resolve deadline once (supervision
     * level + 1, the supervising unit notified) and closes resolved tickets whose reporter did not
     * answer within the feedback window. Run it every few minutes, with {@link #remindDeadlines()}.
     * Returns the events appended.
     */
    int escalateOverdue();

    /** Figures for one org unit over tickets reported in {@code [from, to)}. */
    Statistics statistics(OrgUnitId orgUnit, Instant from, Instant to);

    /**
     * One outbox pass: delivers due notifications, retrying failures with backoff. A notification
     * whose notifier throws {@link dev.civicloop.spi.notify.PermanentDeliveryFailure}, or that fails
     * its {@linkplain Builder#deliveryRetry(Duration, Duration, int) maximum number of attempts}, is
     * not retried: it becomes a dead letter (logged at ERROR) until {@link #redeliver}. Returns
     * deliveries.
     */
    int deliverNotifications();

    /**
     * The notifications the outbox gave up on, oldest first, at most {@code limit}: each with its
     * attempts, when it died and the last error. Watch it (or the ERROR log) and act: fix the route
     * or the receiver, then {@link #redeliver} each one.
     *
     * <pre>{@code
     * for (DeadLetter d : engine.deadLetters(100)) {
     *     log.warn("undelivered {} to {}: {}", d.notification().topic(), d.notification().recipient(), d.lastError());
     * }
     * }</pre>
     *
     * @throws dev.civicloop.spi.InvalidInput {@code limit} is below 1
     * @throws InvalidConfiguration the engine has no outbox
     */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Puts a dead letter back in the outbox: pending, due now, its attempts reset to 0, so the next
     * {@link #deliverNotifications} pass tries it again with the full number of attempts. A
     * notification that is pending or already delivered is left as it is.
     *
     * @return true if the notification was a dead letter and is pending again, false if it was not dead
     * @throws dev.civicloop.spi.NotFound the outbox never held this notification id
     * @throws InvalidConfiguration the engine has no outbox
     */
    boolean redeliver(String notificationId);

    /** Forgets command ids older than the retention window. Returns how many were forgotten. */
    int purgeExpiredCommands();

    /** A workflow the engine knows, by id. */
    Workflow workflow(String id);

    /** A category the engine knows, by code. */
    Category category(String code);

    /**
     * Delivery attempts a notification gets before it becomes a dead letter, unless the builder's
     * {@link Builder#deliveryRetry(Duration, Duration, int)} says otherwise.
     */
    int DEFAULT_DELIVERY_MAX_ATTEMPTS = 50;

    static Builder builder() {
        return new Builder();
    }

    /**
     * Wires an engine. Required: a store, the org tree, the categories (and the departments they
     * name). Everything else has a default, listed on each method.
     */
    final class Builder {
        private TicketStore store;
        private OutboxStore outbox;
        private Notifier notifier;
        private Clock clock = Clock.systemUTC();
        private WorkingCalendar calendar = WorkingCalendar.chinaDefault();
        private final List<OrgUnit> orgUnits = new ArrayList<>();
        private final List<Department> departments = new ArrayList<>();
        private final List<Category> categories = new ArrayList<>();
        private final Map<String, Workflow> workflows = new LinkedHashMap<>();
        private Predicate<ActorId> trustedReporters = id -> false;
        private Duration commandRetention = Duration.ofDays(7);
        private Duration feedbackWindow = Duration.ofDays(3);
        private Duration remindBefore = Duration.ofHours(4);
        private Duration retryInitial = Duration.ofSeconds(5);
        private Duration retryMax = Duration.ofMinutes(30);
        private int deliveryMaxAttempts = DEFAULT_DELIVERY_MAX_ATTEMPTS;
        private Supplier<TicketId> ticketIds;
        private ActorDirectory actors;

        Builder() {
            workflows.put(Workflow.closedLoop().id(), Workflow.closedLoop());
            workflows.put(Workflow.grievance().id(), Workflow.grievance());
        }

        /** The ticket store (required). If it is also an {@link OutboxStore}, it is the outbox too. */
        public Builder store(TicketStore store) {
            this.store = require("store", store);
            return this;
        }

        /** The outbox to deliver from; default: the store, if it is one. */
        public Builder outbox(OutboxStore outbox) {
            this.outbox = require("outbox", outbox);
            return this;
        }

        /** Who delivers notifications; default: a notifier that logs through SLF4J. */
        public Builder notifier(Notifier notifier) {
            this.notifier = require("notifier", notifier);
            return this;
        }

        /** The clock every timestamp and deadline uses; default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = require("clock", clock);
            return this;
        }

        /** The working-day calendar; default Monday–Friday in Asia/Shanghai without holidays. */
        public Builder calendar(WorkingCalendar calendar) {
            this.calendar = require("calendar", calendar);
            return this;
        }

        /** The jurisdiction tree: exactly one CITY, every other unit's parent among them. */
        public Builder orgUnits(List<OrgUnit> units) {
            this.orgUnits.addAll(require("orgUnits", units));
            return this;
        }

        public Builder departments(List<Department> departments) {
            this.departments.addAll(require("departments", departments));
            return this;
        }

        public Builder categories(List<Category> categories) {
            this.categories.addAll(require("categories", categories));
            return this;
        }

        /** Adds a workflow, or replaces the built-in one with the same id. */
        public Builder workflow(Workflow workflow) {
            require("workflow", workflow);
            this.workflows.put(workflow.id(), workflow);
            return this;
        }

        /** Reporters whose reports skip verification; default: none. */
        public Builder trustedReporters(Predicate<ActorId> trusted) {
            this.trustedReporters = require("trustedReporters", trusted);
            return this;
        }

        /** How long command ids are remembered for idempotency; default 7 days. */
        public Builder commandRetention(Duration retention) {
            this.commandRetention = positive("commandRetention", retention);
            return this;
        }

        /** How long a reporter has to confirm a result before the clock closes it; default 3 days. */
        public Builder feedbackWindow(Duration window) {
            this.feedbackWindow = positive("feedbackWindow", window);
            return this;
        }

        /**
         * How long before a claim or resolve deadline its assignee is reminded by
         * {@link GovernanceEngine#remindDeadlines()}; default 4 hours. Never earlier than the middle
         * of the deadline's span: with the default, a 24-hour claim is reminded after 20 hours, a
         * one-hour urgent claim after 30 minutes. The lead is wall-clock time: with the default and
         * dispatches in office hours, a working-day deadline is reminded on its due day, itself a
         * working day. Zero or negative: {@code InvalidConfiguration}.
         */
        public Builder remindBefore(Duration lead) {
            this.remindBefore = positive("remindBefore", lead);
            return this;
        }

        /**
         * Backoff of notification retries: first delay, doubling up to the maximum; default 5 s … 30
         * min. Keeps the maximum number of attempts as it is (default
         * {@value GovernanceEngine#DEFAULT_DELIVERY_MAX_ATTEMPTS}).
         */
        public Builder deliveryRetry(Duration initial, Duration max) {
            this.retryInitial = positive("deliveryRetry.initial", initial);
            this.retryMax = positive("deliveryRetry.max", max);
            return this;
        }

        /**
         * Backoff of notification retries, as {@link #deliveryRetry(Duration, Duration)}, and how
         * many attempts a notification gets before it becomes a dead letter (at least 1; default
         * {@value GovernanceEngine#DEFAULT_DELIVERY_MAX_ATTEMPTS}, about 21 hours of retries with the
         * default backoff). {@code Integer.MAX_VALUE} retries practically forever.
         */
        public Builder deliveryRetry(Duration initial, Duration max, int maxAttempts) {
            if (maxAttempts < 1) {
                throw new InvalidConfiguration("deliveryRetry.maxAttempts must be at least 1, was " + maxAttempts);
            }
            deliveryRetry(initial, max);
            this.deliveryMaxAttempts = maxAttempts;
            return this;
        }

        /**
         * The city's records of who is who (members, staff). With a directory, every command is
         * authorised with the directory's actor for the command's actor id, and an id it does not
         * know or does not list as active (a suspended member, one who left) may do nothing.
         * Default: none, the command's own actor is trusted (the caller authenticated it).
         */
        public Builder actors(ActorDirectory directory) {
            this.actors = require("actors", directory);
            return this;
        }

        /** Where new ticket ids come from; default: random, time-ordered ids. */
        public Builder ticketIds(Supplier<TicketId> ids) {
            this.ticketIds = require("ticketIds", ids);
            return this;
        }

        /** Checks the configuration and builds; throws {@link InvalidConfiguration} saying what is wrong. */
        public GovernanceEngine build() {
            if (store == null) {
                throw new InvalidConfiguration("store is required: call store(…) with a TicketStore");
            }
            OutboxStore box = outbox;
            if (box == null && store instanceof OutboxStore o) {
                box = o;
            }
            return new DefaultEngine(new DefaultEngine.Config(store, box, notifier, clock, calendar,
                    List.copyOf(orgUnits), List.copyOf(departments), List.copyOf(categories), Map.copyOf(workflows),
                    trustedReporters, commandRetention, feedbackWindow, remindBefore, retryInitial, retryMax,
                    deliveryMaxAttempts, ticketIds,
                    actors));
        }

        private static <T> T require(String what, T value) {
            if (value == null) {
                throw new InvalidConfiguration(what + " must not be null");
            }
            return value;
        }

        private static Duration positive(String what, Duration d) {
            require(what, d);
            if (d.isNegative() || d.isZero()) {
                throw new InvalidConfiguration(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
