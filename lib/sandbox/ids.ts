import { randomBytes, randomInt } from "node:crypto";

// Made-up identifiers shaped like Meta's, for numbers and accounts that exist only in the sandbox.

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

/** A 15-digit id starting with 1, like Meta's phone number, WABA and business ids. */
export const sandboxId = () => `1${digits(14)}`;

/** A number from the 555 range, which is never assigned to a real subscriber. */
export const sandboxDisplayNumber = () => `+1 555 ${digits(3)} ${digits(4)}`;

export const sandboxAccessToken = () => `EAAG${randomBytes(24).toString("base64url")}`;
