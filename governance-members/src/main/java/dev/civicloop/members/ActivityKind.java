package dev.civicloop.members;

/** What an activity (志愿活动) is. */
public enum ActivityKind {
    /** 植树. */
    TREE_PLANTING,
    /** 义诊 / health checks for residents. */
    HEALTH_CHECK,
    /** 反诈宣传. */
    ANTI_FRAUD_PUBLICITY,
    /** 消防宣传. */
    FIRE_SAFETY_PUBLICITY,
    /** Anything else. */
    OTHER
}
