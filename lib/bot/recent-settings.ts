import type { Db } from "@/db";
import { type BotSettingsRow, getBotSettings } from "@/db/queries/bot-settings";

// The settings the reply job read moments ago, kept for the job's later steps in this process so
// that each message reads them once. Plain rows only. Every job's first step reads them afresh,
// so a later step sees what its job decided with; a step whose job began elsewhere (Inngest)
// reads them again once they are `FRESH_MS` old.
const FRESH_MS = 5_000;
const MAX = 1_000;
const recent = new Map<string, { row: BotSettingsRow; at: number }>();

/** Keeps the settings a job just read for its later steps. */
export function rememberSettings(workspaceId: string, row: BotSettingsRow): void {
  if (recent.size >= MAX) recent.clear();
  recent.set(workspaceId, { row, at: Date.now() });
}

/** The workspace's settings: as a job step read them moments ago, else from the database. */
export async function recentSettings(db: Db, workspaceId: string): Promise<BotSettingsRow> {
  const hit = recent.get(workspaceId);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.row;
  const row = await getBotSettings(db, workspaceId);
  rememberSettings(workspaceId, row);
  return row;
}
