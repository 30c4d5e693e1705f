import { getDb, listenDb } from "@/db";
import {
  LIVE_CHANNEL,
  type LiveEvent,
  type LiveRead,
  liveKinds,
  readLiveChanges,
} from "@/db/queries/live";
import { log } from "@/lib/log";

/**
 * What one read of the database brings the streams of a workspace after a burst of changes: the
 * changed conversations' list rows, those gone, and the counts (`read`), or `failed` when the read
 * did not succeed and the browsers must read their lists themselves. `shared` is the part of the
 * event every stream sends alike, serialised once.
 */
export type LiveBatch =
  | { failed: false; read: LiveRead; shared: string }
  | { failed: true; ids: string[] };

type Subscriber = ((event: LiveEvent) => void) & {
  lost?: () => void;
  changes?: (batch: LiveBatch) => void;
};
type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onRelisten?: () => void,
) => Promise<unknown>;
export type LiveReader = (workspaceId: string, conversationIds: string[]) => Promise<LiveRead>;

/** A workspace's changes waiting for their read, and whether a read is under way. */
type Pending = { ids: Set<string>; timer: ReturnType<typeof setTimeout> | null; reading: boolean };

/**
 * The process's live-update fan-out: one LISTEN (one database connection) for every open event
 * stream, each notification handed to the streams of its workspace only, and what changed read
 * once per burst per workspace for all of them. Kept on globalThis as plain data, since route
 * handlers are bundled apart and each would otherwise listen (and read) itself.
 */
type Hub = {
  byWorkspace: Map<string, Set<Subscriber>>;
  listening: Promise<unknown> | null;
  received: number;
  pending: Map<string, Pending>;
  reads: number;
  reader: LiveReader | null;
};

const store = globalThis as unknown as { __parleyLiveHub?: Hub };

function hub(): Hub {
  store.__parleyLiveHub ??= {
    byWorkspace: new Map(),
    listening: null,
    received: 0,
    pending: new Map(),
    reads: 0,
    reader: null,
  };
  return store.__parleyLiveHub;
}

// Notifications arriving within this window (a burst) are read together.
export const READ_COALESCE_MS = 15;

const kinds = new Set<string>(liveKinds);

const defaultReader: LiveReader = async (workspaceId, conversationIds) =>
  readLiveChanges(await getDb(), { workspaceId, conversationIds });

/** A notification's payload as an event, or null for anything not shaped like one. */
export function parseLiveEvent(payload: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.w !== "string" || typeof v.k !== "string" || !kinds.has(v.k)) return null;
  const text = (x: unknown) => (typeof x === "string" ? x : null);
  return {
    w: v.w,
    c: text(v.c),
    k: v.k as LiveEvent["k"],
    a: text(v.a),
    by: text(v.by),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an event changes the inbox's list (everything but delivery ticks) and names its row. */
const changesList = (e: LiveEvent): e is LiveEvent & { c: string } =>
  e.c !== null && UUID.test(e.c) && e.k !== "status";

/** Hands one notification to the subscribers of its workspace. */
export function dispatchLive(payload: string): number {
  const h = hub();
  h.received++;
  const event = parseLiveEvent(payload);
  if (!event) {
    log.warn("Ignored an unreadable live notification");
    return 0;
  }
  const subscribers = h.byWorkspace.get(event.w);
  if (!subscribers) return 0;
  let reading = false;
  for (const fn of subscribers) {
    reading ||= fn.changes !== undefined;
    try {
      fn(event);
    } catch (err) {
      log.error({ err }, "A live update subscriber failed");
    }
  }
  if (reading && changesList(event)) queueRead(event.w, event.c);
  return subscribers.size;
}

function queueRead(workspaceId: string, conversationId: string): void {
  const h = hub();
  let p = h.pending.get(workspaceId);
  if (!p) {
    p = { ids: new Set(), timer: null, reading: false };
    h.pending.set(workspaceId, p);
  }
  p.ids.add(conversationId);
  // One read at a time per workspace: what arrives meanwhile waits for the next.
  if (!p.reading && !p.timer) p.timer = setTimeout(() => readNow(workspaceId), READ_COALESCE_MS);
}

async function readNow(workspaceId: string): Promise<void> {
  const h = hub();
  const p = h.pending.get(workspaceId);
  if (!p) return;
  p.timer = null;
  const ids = [...p.ids];
  p.ids.clear();
  p.reading = true;
  h.reads++;
  let batch: LiveBatch;
  try {
    const read = await (h.reader ?? defaultReader)(workspaceId, ids);
    batch = {
      failed: false,
      read,
      shared: JSON.stringify({ rows: read.rows, gone: read.gone }).slice(1, -1),
    };
  } catch (err) {
    log.error({ err }, "Live updates could not read what changed");
    batch = { failed: true, ids };
  }
  p.reading = false;
  for (const fn of h.byWorkspace.get(workspaceId) ?? []) {
    try {
      fn.changes?.(batch);
    } catch (err) {
      log.error({ err }, "A live update subscriber failed");
    }
  }
  if (p.ids.size > 0) p.timer = setTimeout(() => readNow(workspaceId), READ_COALESCE_MS);
  else h.pending.delete(workspaceId);
}

/**
 * The listening connection dropped and listens again: what was notified meanwhile is lost, so every
 * stream is told to start over (the browser reconnects and reads everything again).
 */
export function liveLost(): void {
  for (const set of hub().byWorkspace.values()) {
    for (const fn of set) fn.lost?.();
  }
}

function ensureListening(listen: Listen): Promise<unknown> {
  const h = hub();
  h.listening ??= listen(LIVE_CHANNEL, dispatchLive, liveLost).catch((error: unknown) => {
    // The next subscriber tries again.
    h.listening = null;
    throw error;
  });
  return h.listening;
}

/**
 * Receives the live events of one workspace until the returned function is called, and with
 * `onChanges` what each burst of them changed in the list, read once for every such subscriber.
 * Resolves once the process listens, so nothing committed after it is missed.
 */
export async function subscribeLive(
  workspaceId: string,
  onEvent: (event: LiveEvent) => void,
  options: {
    listen?: Listen;
    onLost?: () => void;
    onChanges?: (batch: LiveBatch) => void;
    read?: LiveReader;
  } = {},
): Promise<() => void> {
  await ensureListening(options.listen ?? listenDb);
  const h = hub();
  if (options.read) h.reader = options.read;
  const fn: Subscriber = Object.assign((e: LiveEvent) => onEvent(e), {
    lost: options.onLost,
    changes: options.onChanges,
  });
  let set = h.byWorkspace.get(workspaceId);
  if (!set) {
    set = new Set();
    h.byWorkspace.set(workspaceId, set);
  }
  set.add(fn);
  return () => {
    const current = h.byWorkspace.get(workspaceId);
    if (!current) return;
    current.delete(fn);
    if (current.size === 0) h.byWorkspace.delete(workspaceId);
  };
}

/** How many streams this process serves and reads it made, for benchmarks and tests. */
export function liveStats() {
  const h = hub();
  let subscribers = 0;
  for (const set of h.byWorkspace.values()) subscribers += set.size;
  return { workspaces: h.byWorkspace.size, subscribers, received: h.received, reads: h.reads };
}

/** Forgets the listener (tests open a new database per suite). */
export function resetLiveHub(): void {
  const h = store.__parleyLiveHub;
  for (const p of h?.pending.values() ?? []) if (p.timer) clearTimeout(p.timer);
  store.__parleyLiveHub = undefined;
}
