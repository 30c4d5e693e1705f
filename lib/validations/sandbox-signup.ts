import { z } from "zod";

const metaId = z.string().regex(/^\d{5,25}$/);

/** What the simulated Embedded Signup window sends when the person finishes. */
export const sandboxSignupSchema = z.object({
  businessName: z.string().trim().min(1, "Enter the business portfolio name.").max(100),
  verifiedName: z.string().trim().min(1, "Enter the WhatsApp display name.").max(100),
  withNumber: z.boolean(),
  /** Re-authorization of a number the sandbox already knows: a fresh token replaces the old. */
  phoneNumberId: metaId.optional(),
});
export type SandboxSignup = z.infer<typeof sandboxSignupSchema>;

export const sandboxAddNumberSchema = z.object({ wabaId: metaId });
