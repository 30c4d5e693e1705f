import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { notificationPreferences } from "../schema";

export type NotificationPreferences = {
  needsHuman: boolean;
  assigned: boolean;
  mine: boolean;
  sound: boolean;
  email: boolean;
};

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  needsHuman: true,
  assigned: true,
  mine: true,
  sound: false,
  email: true,
};

/** A person's preferences, or the defaults when they never changed them. */
export async function getNotificationPreferences(
  db: Db,
  userId: string,
): Promise<NotificationPreferences> {
  const [row] = await db
    .select({
      needsHuman: notificationPreferences.needsHuman,
      assigned: notificationPreferences.assigned,
      mine: notificationPreferences.mine,
      sound: notificationPreferences.sound,
      email: notificationPreferences.email,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row ?? DEFAULT_NOTIFICATION_PREFERENCES;
}

export async function saveNotificationPreferences(
  db: Db,
  userId: string,
  prefs: NotificationPreferences,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, ...prefs })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: prefs });
}
