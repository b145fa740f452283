package dev.civicloop.members;

/** What a service task (服务任务) asks of the members who claim it. */
public enum TaskKind {
    /** Deliver medicine to an elderly resident living alone (送药上门). */
    DELIVER_MEDICINE,
    /** Help search for a lost elder (寻找走失老人). */
    SEARCH_LOST_ELDER,
    /** Guide traffic, e.g. at a busy market (疏导交通). */
    GUIDE_TRAFFIC,
    /** Give a talk: fire safety, anti-fraud (宣讲). */
    GIVE_TALK,
    /** Anything else the community asks for. */
    OTHER
}
