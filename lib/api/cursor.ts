import { z } from "zod";
import type { Position } from "@/db/queries/conversations";
import { ApiError } from "./errors";

// PostgreSQL's text form of a timestamptz, e.g. "2026-11-20 23:21:46.874512+00".
const PG_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)$/;
// Each list pages by its own kind of id: conversations by uuid, messages by arrival sequence. A
// cursor of the other kind is refused here rather than reaching the query's cast.
const positionSchemas = {
  uuid: z.object({
    at: z.string().regex(PG_TIMESTAMP),
    id: z.uuid(),
    p: z.enum(["none", "low", "medium", "high", "urgent"]).optional(),
  }),
  seq: z.object({ at: z.string().regex(PG_TIMESTAMP), id: z.string().regex(/^\d{1,18}$/) }),
};

// Opaque to clients: base64url of the last row's position.
export function encodeCursor(position: Position | null): string | null {
  return position ? Buffer.from(JSON.stringify(position), "utf8").toString("base64url") : null;
}

export function decodeCursor(
  cursor: string | null | undefined,
  kind: keyof typeof positionSchemas,
): Position | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = positionSchemas[kind].safeParse(
      JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")),
    );
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the error below: a cursor that is not JSON is as invalid as a wrong one.
  }
  throw new ApiError(
    "invalid_cursor",
    "The cursor is not valid. Use the nextCursor of a previous page.",
  );
}

export const pageQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
