import { sql } from "drizzle-orm";
import type { Db } from "../../client";
import { messages } from "../../schema";
import { type AnalyticsRange, inRange, num } from "./range";
import { analyticsRows } from "./rows";

export type TranscriptionFigures = {
  /** Voice notes and audio files transcribed, answered or not: the provider was paid either way. */
  notes: number;
  seconds: number;
  /** Estimated cost in millionths of a US dollar; models of unknown price add nothing. */
  costMicros: number;
};

export type TranscriptionUsage = {
  /** Costliest first. */
  models: (TranscriptionFigures & { model: string })[];
  total: TranscriptionFigures;
};

const toFigures = (r: Record<string, unknown>): TranscriptionFigures => ({
  notes: num(r.notes),
  seconds: num(r.seconds),
  costMicros: num(r.cost_micros),
});

/** Voice notes transcribed, their length and estimated cost, per model and in all. */
export async function transcriptionUsage(db: Db, p: AnalyticsRange): Promise<TranscriptionUsage> {
  const rows = await analyticsRows(
    db,
    sql`select m.transcription_model as model, count(*) as notes,
               coalesce(sum(m.transcription_seconds), 0) as seconds,
               coalesce(sum(m.transcription_cost_micros), 0) as cost_micros
          from ${messages} m
         where m.workspace_id = ${p.workspaceId} and m.transcription_model is not null
           and ${inRange(sql`m.created_at`, p)}
         group by m.transcription_model
         order by cost_micros desc, notes desc, model`,
  );
  const models = rows.map((r) => ({ model: String(r.model), ...toFigures(r) }));
  return {
    models,
    total: models.reduce(
      (t, m) => ({
        notes: t.notes + m.notes,
        seconds: t.seconds + m.seconds,
        costMicros: t.costMicros + m.costMicros,
      }),
      { notes: 0, seconds: 0, costMicros: 0 },
    ),
  };
}
