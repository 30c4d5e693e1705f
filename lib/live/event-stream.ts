import { countsFor } from "@/db/queries/inbox";
import type { LiveEvent } from "@/db/queries/live";
import { findMember } from "@/db/queries/members";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { log } from "@/lib/log";
import { type LiveBatch, subscribeLive } from "./hub";

export const HEARTBEAT_MS = 15_000;
// A stream ends after this long and the browser opens a new one, signed in again: a session
// ended elsewhere stops its streams within this time.
export const STREAM_LIFETIME_MS = 10 * 60_000;

const encoder = new TextEncoder();

/** What the browser receives of an event: the workspace is implied by the stream. */
const wire = (e: LiveEvent) =>
  `data: ${JSON.stringify({ k: e.k, c: e.c, a: e.a ?? null, by: e.by ?? null })}\n\n`;

/**
 * What a burst of changes did to the lists, as a `rows` event: the rows and ids gone (serialised
 * once for every stream) and this member's counts; or, when the server could not read them, a
 * request to read the lists again.
 */
export const rowsWire = (batch: LiveBatch, userId: string) =>
  batch.failed
    ? `event: rows\ndata: {"refetch":true}\n\n`
    : `event: rows\ndata: {"counts":${JSON.stringify(countsFor(batch.read.counts, userId))},${batch.shared}}\n\n`;

/**
 * The workspace's live events as server-sent events for one signed-in member: a `ready` event once
 * the server listens, then one `data:` line per change and, once the process has read what a
 * burst of them changed, a `rows` event (`rowsWire`), a comment line as heartbeat (so proxies
 * and the browser keep the connection), and an end after `STREAM_LIFETIME_MS`. Membership is
 * checked again at every heartbeat: a member removed stops receiving.
 */
export function liveEventStream(
  ctx: WorkspaceContext,
  signal: AbortSignal,
  options: { heartbeatMs?: number; lifetimeMs?: number } = {},
): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const timers: ReturnType<typeof setInterval>[] = [];
      let unsubscribe = () => {};
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        for (const t of timers) clearInterval(t);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", () => stop(), { once: true });
      try {
        unsubscribe = await subscribeLive(ctx.workspace.id, (e) => send(wire(e)), {
          // Changes may have been missed: the browser reconnects and reads everything again.
          onLost: () => stop(),
          onChanges: (batch) => send(rowsWire(batch, ctx.user.id)),
        });
      } catch (err) {
        log.error({ err }, "Live updates could not listen to the database");
        send(`event: unavailable\ndata: {}\n\n`);
        stop();
        return;
      }
      if (signal.aborted) return stop();
      // `retry` is how long the browser waits before reconnecting by itself.
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
      timers.push(
        setInterval(() => {
          void stillMember(ctx).then(
            (member) => (member ? send(": heartbeat\n\n") : stop()),
            () => send(": heartbeat\n\n"),
          );
        }, options.heartbeatMs ?? HEARTBEAT_MS),
      );
      const end = setTimeout(() => stop(), options.lifetimeMs ?? STREAM_LIFETIME_MS);
      timers.push(end as unknown as ReturnType<typeof setInterval>);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx and similar proxies pass each event on at once instead of buffering the response.
      "x-accel-buffering": "no",
    },
  });
}

async function stillMember(ctx: WorkspaceContext): Promise<boolean> {
  return (
    (await findMember(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id })) !== null
  );
}
