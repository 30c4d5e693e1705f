// A conversation's priority, least to most urgent (the database's enum has the same order).
export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];
