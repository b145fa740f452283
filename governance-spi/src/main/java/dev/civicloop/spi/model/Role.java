package dev.civicloop.spi.model;

/** The roles of the glossary. Each command of a workflow names the roles that may issue it. */
public enum Role {
    /** A resident or any enrolled person reporting a problem (随手拍). */
    REPORTER,
    /** A gig worker enrolled to report in a grid (移动网格员). */
    MOBILE_GRID_MEMBER,
    /** A volunteer rider (志愿骑手). */
    VOLUNTEER,
    /** Paid grid staff who verify reports in their grid (网格员). */
    GRID_STAFF,
    /** Claims tickets for the community (社区工作者). */
    COMMUNITY_STAFF,
    /** Dispatches at street level (综治中心). */
    STREET_COORDINATOR,
    /** Accepts and resolves for a department (部门经办人). */
    DEPARTMENT_HANDLER,
    /** Receives escalations (督办). */
    SUPERVISOR,
    /** Administers the platform. */
    ADMIN
}
