import type { z } from "zod";
import { upsertBotSettings } from "@/db/queries/bot-settings";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import type { csatSettingsInput } from "@/lib/validations/csat";

/** Turns rating requests on or off, with the owner's question (empty: Parley's wording). */
export async function saveCsatSettings(
  ctx: WorkspaceContext,
  input: z.infer<typeof csatSettingsInput>,
): Promise<ActionResult<{ enabled: boolean }>> {
  await upsertBotSettings(ctx.db, {
    workspaceId: ctx.workspace.id,
    csatEnabled: input.enabled,
    csatQuestion: input.question === "" ? null : input.question,
  });
  return { ok: true, data: { enabled: input.enabled } };
}
