import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Sign-in and sign-up attempts per key (an e-mail, a client address, sign-ups from an address):
// how many have counted since the key was last forgiven, and when the last one was let through.
// The wait before the next one grows with the count (lib/auth/throttle.ts).
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull(),
  lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }).notNull(),
});
