/** Meta lets templates in these states be edited; the others wait for review or cannot change. */
export const EDITABLE_STATUSES = new Set(["APPROVED", "REJECTED", "PAUSED"]);
