import { z } from "zod";

const metaId = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, `The ${what} is a long number: digits only.`);

/** What the WA_EMBEDDED_SIGNUP message said when the signup finished. */
export const signupFinishEventSchema = z.object({
  // Meta adds finish types over time (FINISH_ONLY_WABA, FINISH_OBO_MIGRATION, …): all count.
  event: z.string().regex(/^FINISH(_[A-Z_]+)?$/),
  wabaId: metaId("WhatsApp Business account id"),
  phoneNumberId: metaId("phone number id").optional(),
  businessId: metaId("business id").optional(),
});
export type SignupFinishEvent = z.infer<typeof signupFinishEventSchema>;

const actor = { workspaceId: z.uuid(), userId: z.string().min(1) };

export const startEmbeddedSignupSchema = z.object({
  ...actor,
  code: z.string().trim().min(1).max(4096),
  event: signupFinishEventSchema,
});

export const signupSessionRefSchema = z.object({ ...actor, sessionId: z.uuid() });

export const chooseSignupNumberSchema = signupSessionRefSchema.extend({
  phoneNumberId: metaId("phone number id"),
});

/** The manual connection form, as a person fills it in. */
export const manualConnectFormSchema = z.object({
  accessToken: z
    .string()
    .trim()
    .min(20, "Paste the whole access token; it is usually over 100 characters long.")
    .max(4096, "That is longer than any access token.")
    .regex(/^\S+$/, "An access token has no spaces."),
  phoneNumberId: metaId("phone number id"),
  wabaId: metaId("WhatsApp Business account id"),
});
export type ManualConnectForm = z.infer<typeof manualConnectFormSchema>;

export const manualConnectSchema = manualConnectFormSchema.extend(actor);

export const disconnectChannelSchema = z.object({ ...actor, channelId: z.uuid() });

/**
 * Registering a number from its card. The PIN is optional: the number's current two-step
 * verification PIN when it has one, else Parley uses the PIN it set before or makes a new one.
 */
export const registerNumberFormSchema = z.object({
  channelId: z.uuid(),
  pin: z
    .string()
    .trim()
    .regex(
      /^(\d{6})?$/,
      "A two-step verification PIN is exactly 6 digits. Leave it empty to let Parley create one.",
    )
    .transform((pin) => pin || undefined)
    .optional(),
});
export type RegisterNumberForm = z.input<typeof registerNumberFormSchema>;

export const registerNumberSchema = registerNumberFormSchema.extend(actor);
