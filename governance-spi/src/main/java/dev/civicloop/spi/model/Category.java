package dev.civicloop.spi.model;

import dev.civicloop.spi.internal.Check;
import java.util.List;
import java.util.Optional;

/**
 * A kind of problem a city handles, with everything needed to dispatch it at once: names, kind,
 * urgency, claim and resolve deadlines, the default lead department and co-handlers, and the
 * workflow its tickets follow ({@code closed-loop} unless a grievance or a city's own).
 *
 * <pre>{@code
 * Category gas = Category.builder("gas_leak", "燃气泄漏", "Gas leak")
 *         .kind(CategoryKind.HAZARD).urgency(Urgency.URGENT)
 *         .claimWithin(Deadline.hours(1)).resolveWithin(Deadline.hours(2))
 *         .lead(DepartmentId.of("gas-co")).build();
 * }</pre>
 */
public record Category(
        String code,
        String nameZh,
        String nameEn,
        CategoryKind kind,
        Urgency urgency,
        Deadline claimDeadline,
        Deadline resolveDeadline,
        DepartmentId leadDepartment,
        List<DepartmentId> coHandlers,
        String workflow) {

    /** The default closed-loop workflow's id. */
    public static final String CLOSED_LOOP = "closed-loop";
    /** The built-in worker grievance workflow's id. */
    public static final String GRIEVANCE = "grievance";

    public Category {
        Check.id("code", code);
        Check.text("nameZh", nameZh, 200);
        Check.text("nameEn", nameEn, 200);
        Check.notNull("kind", kind);
        Check.notNull("urgency", urgency);
        Check.notNull("claimDeadline", claimDeadline);
        Check.notNull("resolveDeadline", resolveDeadline);
        coHandlers = List.copyOf(Check.noNulls("coHandlers", coHandlers));
        Check.id("workflow", workflow);
    }

    public boolean urgent() {
        return urgency == Urgency.URGENT;
    }

    public Optional<DepartmentId> leadIfAny() {
        return Optional.ofNullable(leadDepartment);
    }

    public static Builder builder(String code, String nameZh, String nameEn) {
        return new Builder(code, nameZh, nameEn);
    }

    /** Builds a category; defaults: HAZARD, NORMAL, claim in 24 h, resolve in 7 working days. */
    public static final class Builder {
        private final String code;
        private final String nameZh;
        private final String nameEn;
        private CategoryKind kind = CategoryKind.HAZARD;
        private Urgency urgency = Urgency.NORMAL;
        private Deadline claim = Deadline.hours(24);
        private Deadline resolve = Deadline.workingDays(7);
        private DepartmentId lead;
        private List<DepartmentId> coHandlers = List.of();
        private String workflow;

        private Builder(String code, String nameZh, String nameEn) {
            this.code = code;
            this.nameZh = nameZh;
            this.nameEn = nameEn;
        }

        public Builder kind(CategoryKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder urgency(Urgency urgency) {
            this.urgency = urgency;
            return this;
        }

        public Builder claimWithin(Deadline deadline) {
            this.claim = deadline;
            return this;
        }

        public Builder resolveWithin(Deadline deadline) {
            this.resolve = deadline;
            return this;
        }

        public Builder lead(DepartmentId lead) {
            this.lead = lead;
            return this;
        }

        public Builder coHandlers(List<DepartmentId> coHandlers) {
            this.coHandlers = coHandlers;
            return this;
        }

        /** The workflow id; default {@link #GRIEVANCE} for GRIEVANCE kinds, else {@link #CLOSED_LOOP}. */
        public Builder workflow(String workflow) {
            this.workflow = workflow;
            return this;
        }

        public Category build() {
            String wf = workflow != null ? workflow : kind == CategoryKind.GRIEVANCE ? GRIEVANCE : CLOSED_LOOP;
            return new Category(code, nameZh, nameEn, kind, urgency, claim, resolve, lead, coHandlers, wf);
        }
    }
}
