import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { updatedAt } from "./columns";

/** What each person wants to be told of, in every workspace they work in; no row: the defaults. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // Browser notifications for: a conversation that needs a person, one assigned to me, and a
  // customer writing in one of mine.
  needsHuman: boolean("needs_human").notNull().default(true),
  assigned: boolean("assigned").notNull().default(true),
  mine: boolean("mine").notNull().default(true),
  sound: boolean("sound").notNull().default(false),
  // The reminder e-mail of a conversation of mine nobody opened (when the workspace sends them).
  email: boolean("email").notNull().default(true),
  updatedAt: updatedAt(),
});
