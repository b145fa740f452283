package dev.civicloop.samples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.civicloop.core.GovernanceEngine;
import dev.civicloop.core.TicketView;
import dev.civicloop.core.command.Accept;
import dev.civicloop.core.command.Claim;
import dev.civicloop.core.command.Confirm;
import dev.civicloop.core.command.Dispatch;
import dev.civicloop.core.command.NoteProgress;
import dev.civicloop.core.command.Report;
import dev.civicloop.core.command.Resolve;
import dev.civicloop.core.command.Return;
import dev.civicloop.core.command.Verify;
import dev.civicloop.core.workflow.Workflow;
import dev.civicloop.spi.TransitionNotAllowed;
import dev.civicloop.spi.event.VerificationMethod;
import dev.civicloop.spi.model.Actor;
import dev.civicloop.spi.model.Category;
import dev.civicloop.spi.model.CommandId;
import dev.civicloop.spi.model.DepartmentId;
import dev.civicloop.spi.model.Location;
import dev.civicloop.spi.model.Role;
import dev.civicloop.spi.model.Satisfaction;
import dev.civicloop.spi.model.TicketId;
import dev.civicloop.spi.model.TicketState;
import dev.civicloop.store.memory.InMemoryTicketStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/governance-core.md shows a city's own workflow ("township-direct": no verification step).
 * This test reads that JSON from the page, loads it as a city would, and plays a pothole through
 * it, so the documented example stays a working one.
 */
class DocsWorkflowExampleTest {

    private static String documentedWorkflowJson() throws Exception {
        Path page = Path.of(System.getProperty("quickstart.docs", "../../docs"), "governance-core.md");
        assertTrue(Files.isRegularFile(page), "docs page at " + page.toAbsolutePath());
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int start = text.indexOf("```json\n");
        assertTrue(start >= 0, "governance-core.md has a ```json block");
        return text.substring(start + 8, text.indexOf("```", start + 8));
    }

    @Test
    void theTownshipWorkflowOfTheDocsDispatchesStraightFromTheReportAndTakesReturnsBackToTheQueue() throws Exception {
        Workflow township = Workflow.fromJson("docs/governance-core.md",
                new ByteArrayInputStream(documentedWorkflowJson().getBytes(StandardCharsets.UTF_8)));
        assertEquals("township-direct", township.id());

        Category pothole = Category.builder("pothole", "道路坑洼", "Pothole")
                .lead(DepartmentId.of("municipal")).workflow("township-direct").build();
        GovernanceEngine engine = GovernanceEngine.builder()
                .store(new InMemoryTicketStore())
                .orgUnits(Quickstart.ORG_TREE)
                .departments(Quickstart.DEPARTMENTS)
                .categories(List.of(pothole))
                .workflow(township)
                .build();
        Actor rider = Quickstart.RIDER;
        TicketId id = engine.handle(new Report(CommandId.of("p-1"), rider, "pothole", Location.address("南六街"),
                "路面坑洼", List.of(), Quickstart.GRID_6)).ticketId();

        TransitionNotAllowed noVerification = assertThrows(TransitionNotAllowed.class, () -> engine.handle(
                new Verify(CommandId.of("p-2"), Quickstart.GRID_STAFF, id, VerificationMethod.ON_SITE, null)));
        assertEquals(List.of("dispatch", "reject", "escalate"), noVerification.allowedCommands());

        Actor coordinator = Quickstart.COORDINATOR;
        Actor municipal = Quickstart.MUNICIPAL_HANDLER;
        engine.handle(new Dispatch(CommandId.of("p-3"), coordinator, id, Quickstart.YUANHANG, DepartmentId.of("housing"),
                List.of(), "estate road"));
        TicketView returned = engine.handle(new Return(CommandId.of("p-4"), Quickstart.HOUSING_HANDLER, id, "not ours"));
        assertEquals(TicketState.SUBMITTED, returned.state(), "a return goes back to the township's queue");
        assertEquals(1, returned.returnCount());

        engine.handle(new Dispatch(CommandId.of("p-5"), coordinator, id, Quickstart.YUANHANG, Quickstart.MUNICIPAL,
                List.of(), "municipal road"));
        engine.handle(new Claim(CommandId.of("p-6"), Quickstart.COMMUNITY_STAFF, id));
        assertEquals(TicketState.IN_HANDLING, engine.handle(new Accept(CommandId.of("p-7"), municipal, id)).state());
        assertEquals(TicketState.IN_HANDLING,
                engine.handle(new NoteProgress(CommandId.of("p-8"), municipal, id, "asphalt ordered")).state(),
                "a transition without 'to' stays");
        assertEquals(TicketState.RESOLVED, engine.handle(new Resolve(CommandId.of("p-9"), municipal, id, "patched",
                List.of())).state());
        TicketView closed = engine.handle(new Confirm(CommandId.of("p-10"), rider, id, Satisfaction.SATISFIED, null));
        assertEquals(TicketState.CLOSED, closed.state());
        assertTrue(closed.terminal());
        assertEquals(Set.of(), Set.copyOf(closed.deadlines()), "no clock runs on a closed ticket");
    }
}
