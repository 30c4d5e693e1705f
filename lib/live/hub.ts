import { listenDb } from "@/db";
import { LIVE_CHANNEL, type LiveEvent, liveKinds } from "@/db/queries/live";
import { log } from "@/lib/log";

type Subscriber = ((event: LiveEvent) => void) & { lost?: () => void };
type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onRelisten?: () => void,
) => Promise<unknown>;

/**
 * The process's live-update fan-out: one LISTEN (one database connection) for every open event
 * stream, each notification handed to the streams of its workspace only. Kept on globalThis as
 * plain data, since route handlers are bundled apart and each would otherwise listen itself.
 */
type Hub = {
  byWorkspace: Map<string, Set<Subscriber>>;
  listening: Promise<unknown> | null;
  received: number;
};

const store = globalThis as unknown as { __parleyLiveHub?: Hub };

function hub(): Hub {
  store.__parleyLiveHub ??= { byWorkspace: new Map(), listening: null, received: 0 };
  return store.__parleyLiveHub;
}

const kinds = new Set<string>(liveKinds);

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
  for (const fn of subscribers) {
    try {
      fn(event);
    } catch (err) {
      log.error({ err }, "A live update subscriber failed");
    }
  }
  return subscribers.size;
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
 * Receives the live events of one workspace until the returned function is called. Resolves once
 * the process listens, so nothing committed after it is missed.
 */
export async function subscribeLive(
  workspaceId: string,
  onEvent: (event: LiveEvent) => void,
  options: { listen?: Listen; onLost?: () => void } = {},
): Promise<() => void> {
  await ensureListening(options.listen ?? listenDb);
  const fn: Subscriber = Object.assign((e: LiveEvent) => onEvent(e), { lost: options.onLost });
  const h = hub();
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

/** How many streams this process serves, for the health of the fan-out and benchmarks. */
export function liveStats() {
  const h = hub();
  let subscribers = 0;
  for (const set of h.byWorkspace.values()) subscribers += set.size;
  return { workspaces: h.byWorkspace.size, subscribers, received: h.received };
}

/** Forgets the listener (tests open a new database per suite). */
export function resetLiveHub(): void {
  store.__parleyLiveHub = undefined;
}
