package dev.civicloop.webhooktest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Verify;
import dev.civicloop.notify.webhook.WebhookEndpoint;
import dev.civicloop.notify.webhook.WebhookNotifier;
import dev.civicloop.notify.webhook.WebhookVerifier;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CategoryKind;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.Deadline;
import dev.civicloop.spi.model.Department;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.OrgLevel;
import dev.civicloop.spi.model.OrgUnit;
import dev.civicloop.spi.model.OrgUnitId;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.notify.Notification;
import dev.civicloop.spi.notify.Recipient;
import dev.civicloop.spi.store.DeadLetter;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's outbox delivering through the webhook notifier to a real receiver: a broken
 * manhole cover is reported, verified and dispatched to the community, municipal facilities and
 * the gas company (co-handler); each is told once, by its own endpoint and secret.
 */
class WebhookEngineTest {
    private static final OrgUnitId GRID = OrgUnitId.of("yuanhang-grid-6");
    private static final OrgUnitId COMMUNITY = OrgUnitId.of("yuanhang");
    private static final DepartmentId MUNICIPAL = DepartmentId.of("municipal");
    private static final DepartmentId GAS = DepartmentId.of("gas-co");
    private static final Category MANHOLE = Category.builder("manhole_cover", "井盖破损", "Broken manhole cover")
            .kind(CategoryKind.HAZARD).claimWithin(Deadline.hours(24)).resolveWithin(Deadline.workingDays(1))
            .lead(MUNICIPAL).build();
    private static final Actor DRIVER = Actor.reporter("zhang-guolong", Role.MOBILE_GRID_MEMBER);
    private static final Actor GRID_STAFF = Actor.of("grid6-staff", Set.of(Role.GRID_STAFF), Set.of(GRID), Set.of());
    private static final Actor COORDINATOR = Actor.of("coordinator", Set.of(Role.STREET_COORDINATOR),
            Set.of(OrgUnitId.of("babaishang")), Set.of());

    /** One secret per receiving office, as a city would issue them. */
    private static final Map<String, String> SECRETS = Map.of(
            "/units/yuanhang-grid-6", "grid-6-secret-0a1b2c3d4e",
            "/units/yuanhang", "yuanhang-secret-5f6a7b8c9d",
            "/departments/municipal", "municipal-secret-1e2f3a4b",
            "/departments/gas-co", "gas-co-secret-5c6d7e8f9a0b");

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Instant.parse("2026-11-23T01:00:00Z"));
    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private Receiver receiver;
    private GovernanceEngine engine;
    private int commands;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        Function<Recipient, WebhookEndpoint> route = r -> {
            String path = (r.kind() == Recipient.Kind.DEPARTMENT ? "/departments/" : "/units/") + r.id();
            String secret = SECRETS.get(path);
            return r.kind() == Recipient.Kind.ACTOR || secret == null ? null : new WebhookEndpoint(receiver.url(path), secret);
        };
        engine = GovernanceEngine.builder()
                .store(store)
                .clock(clock)
                .orgUnits(List.of(
                        OrgUnit.of("daqing", OrgLevel.CITY, "大庆市", null),
                        OrgUnit.of("honggang", OrgLevel.DISTRICT, "红岗区", "daqing"),
                        OrgUnit.of("babaishang", OrgLevel.STREET, "八百垧街道", "honggang"),
                        OrgUnit.of("yuanhang", OrgLevel.COMMUNITY, "远航社区", "babaishang"),
                        OrgUnit.of("yuanhang-grid-6", OrgLevel.GRID, "第六网格", "yuanhang")))
                .departments(List.of(Department.of("municipal", "市政设施管理处", "Municipal facilities"),
                        Department.of("gas-co", "燃气公司", "Gas company")))
                .categories(List.of(MANHOLE))
                .ticketIds(() -> TicketId.of("T1"))
                .deliveryRetry(Duration.ofSeconds(5), Duration.ofMinutes(1))
                .notifier(WebhookNotifier.builder().route(route).retry(2, Duration.ofMillis(10), Duration.ofMillis(10)).build())
                .build();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private CommandId cmd() {
        return CommandId.of("c" + ++commands);
    }

    private void reportVerifyAndDispatch() {
        TicketView t = engine.handle(new Report(cmd(), DRIVER, MANHOLE.code(), Location.address("尚溪小区 3 栋院内"),
                "井盖翘起", List.of(), GRID));
        engine.handle(new Verify(cmd(), GRID_STAFF, t.ticketId(), VerificationMethod.BY_PHOTO, null));
        engine.handle(new Dispatch(cmd(), COORDINATOR, t.ticketId(), COMMUNITY, MUNICIPAL, List.of(GAS), "grid 6"));
    }

    /** The requests the receiver accepted, by notification id, each verified with its path's secret. */
    private Map<String, List<Notification>> accepted() {
        Map<String, List<Notification>> byId = new TreeMap<>();
        for (Receiver.Request r : receiver.requests()) {
            Notification n = WebhookVerifier.of(SECRETS.get(r.path())).verify(r.timestamp(), r.signature(), r.body());
            assertEquals(n.id(), r.id(), "X-CivicLoop-Id matches the body");
            String expectedPath = (n.recipient().kind() == Recipient.Kind.DEPARTMENT ? "/departments/" : "/units/")
                    + n.recipient().id();
            assertEquals(expectedPath, r.path(), "routed by recipient");
            if (r.answered() / 100 == 2) {
                byId.computeIfAbsent(n.id(), k -> new java.util.ArrayList<>()).add(n);
            }
        }
        return byId;
    }

    @Test
    void eachOfficeIsToldOnceBySignedWebhook() {
        reportVerifyAndDispatch();
        assertEquals(4, store.pendingCount());

        assertEquals(4, engine.deliverNotifications());
        assertEquals(0, store.pendingCount());
        Map<String, List<Notification>> got = accepted();
        assertEquals(4, receiver.requests().size());
        assertEquals(Map.of(
                        "reported", Set.of("ORG_UNIT:yuanhang-grid-6"),
                        "dispatched", Set.of("ORG_UNIT:yuanhang", "DEPARTMENT:municipal", "DEPARTMENT:gas-co")),
                got.values().stream().map(l -> l.get(0)).collect(Collectors.groupingBy(Notification::topic,
                        Collectors.mapping(n -> n.recipient().kind() + ":" + n.recipient().id(), Collectors.toSet()))));
        got.values().forEach(l -> assertEquals(1, l.size(), "once each"));
        got.values().forEach(l -> assertEquals(TicketId.of("T1"), l.get(0).ticketId()));

        assertEquals(0, engine.deliverNotifications(), "nothing left to deliver");
        assertEquals(4, receiver.requests().size());
    }

    @Test
    void whileTheReceiverIsDownTheOutboxKeepsEverythingAndALaterPassDeliversIt() {
        receiver.answer(503);
        reportVerifyAndDispatch();

        assertEquals(0, engine.deliverNotifications());
        assertEquals(4, store.pendingCount(), "nothing is lost");
        assertEquals(8, receiver.requests().size(), "two attempts each inside deliver()");
        assertEquals(0, engine.deliverNotifications(), "the outbox waits for its own backoff");
        assertEquals(8, receiver.requests().size());

        receiver.answer(204);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(4, engine.deliverNotifications());
        assertEquals(0, store.pendingCount());
        Map<String, List<Notification>> got = accepted();
        assertEquals(4, got.size());
        got.values().forEach(l -> assertEquals(1, l.size(), "accepted once each"));
        Map<String, Long> attemptsPerId = new HashMap<>();
        receiver.requests().forEach(r -> attemptsPerId.merge(r.id(), 1L, Long::sum));
        assertTrue(attemptsPerId.values().stream().allMatch(n -> n == 3), "same id on every attempt: " + attemptsPerId);
    }

    @Test
    void anOfficeThatRefusesANotificationGetsItAsADeadLetterRedeliveredOnceItIsFixed() {
        receiver.answer(404);
        reportVerifyAndDispatch();

        assertEquals(0, engine.deliverNotifications());
        assertEquals(4, receiver.requests().size(), "a refusal is not retried inside deliver()");
        assertEquals(0, store.pendingCount(), "refused notifications are no longer pending");
        List<DeadLetter> dead = engine.deadLetters(10);
        assertEquals(4, dead.size());
        dead.forEach(d -> {
            assertEquals(1, d.attempts());
            assertEquals(clock.instant(), d.deadAt());
            assertTrue(d.lastError().contains("HTTP 404"), d.lastError());
        });
        clock.advance(Duration.ofHours(1));
        assertEquals(0, engine.deliverNotifications(), "dead letters are never retried by themselves");
        assertEquals(4, receiver.requests().size());

        receiver.answer(204);
        dead.forEach(d -> assertTrue(engine.redeliver(d.notification().id())));
        assertEquals(4, engine.deliverNotifications());
        assertEquals(List.of(), engine.deadLetters(10));
        assertEquals(4, accepted().size());
    }
}
