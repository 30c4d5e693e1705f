import { z } from "zod";

export const notificationPreferencesSchema = z.object({
  needsHuman: z.boolean(),
  assigned: z.boolean(),
  mine: z.boolean(),
  sound: z.boolean(),
  email: z.boolean(),
});

/** The delays a workspace may choose for the reminder e-mail, in minutes. */
export const REMINDER_CHOICES = [5, 10, 15, 30, 60, 120, 240, 480] as const;

export const reminderSchema = z.object({
  minutes: z
    .number({ error: "Choose a delay." })
    .int()
    .refine((m) => (REMINDER_CHOICES as readonly number[]).includes(m), "Choose one of the delays.")
    .nullable(),
});
