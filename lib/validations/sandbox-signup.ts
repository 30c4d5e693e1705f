import { z } from "zod";

const metaId = z.string().regex(/^\d{5,25}$/);

/** What the simulated Embedded Signup window sends when the person finishes. */
export const sandboxSignupSchema = z.object({
  businessName: z.string().trim().min(1, "Enter the business portfolio name.").max(100),
  verifiedName: z.string().trim().min(1, "Enter the WhatsApp display name.").max(100),
  withNumber: z.boolean(),
  /** Onboarded from the WhatsApp Business app (Coexistence): the number is registered already. */
  businessApp: z.boolean().default(false),
  /** Coexistence only: the owner agreed, in the app, to share the chat history. */
  shareHistory: z.boolean().default(false),
  /** Re-authorization of a number the sandbox already knows: a fresh token replaces the old. */
  phoneNumberId: metaId.optional(),
});
export type SandboxSignup = z.input<typeof sandboxSignupSchema>;

export const sandboxAddNumberSchema = z.object({ wabaId: metaId });
