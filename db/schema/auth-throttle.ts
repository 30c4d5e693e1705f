import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Failed sign-in and sign-up attempts per key (an e-mail or a client address) in a fixed window.
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  attempts: integer("attempts").notNull(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
});
