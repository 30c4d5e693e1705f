export type PacerOptions = {
  /** Messages per second per business number (Meta's default throughput is 80). */
  perNumber?: number;
  /** Messages a single customer may receive at once before pacing starts. */
  pairBurst?: number;
  /** Then one message per this interval to the same customer (Meta's pair rate: 1 per 6 s). */
  pairIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The buckets, as plain data: pacers in several bundles of one process share them this way. */
  state?: PacerState;
};

type Bucket = { tokens: number; at: number };
export type PacerState = {
  numbers: Map<string, Bucket>;
  pairs: Map<string, Bucket>;
  /** Numbers whose throughput differs from `perNumber` (Coexistence numbers: 20 a second). */
  rates: Map<string, number>;
};

export const newPacerState = (): PacerState => ({
  numbers: new Map(),
  pairs: new Map(),
  rates: new Map(),
});

/** Meta's fixed throughput for a number shared with the WhatsApp Business app. */
export const COEXISTENCE_MESSAGES_PER_SECOND = 20;

const MAX_PAIRS = 50_000;

// Token buckets that reserve: a caller over the rate is told how long to wait, and waits, so the
// bot itself never causes 130429 (throughput) or 131056 (pair rate). Best effort within one process;
// across replicas Inngest's throttle and the retries on those codes take over.
export function createPacer(options: PacerOptions = {}) {
  const perNumber = options.perNumber ?? 80;
  const pairBurst = options.pairBurst ?? 20;
  const pairIntervalMs = options.pairIntervalMs ?? 6000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const state = options.state ?? newPacerState();
  // A state made before per-number rates existed (another bundle's) gets its map here.
  state.rates ??= new Map();
  const { numbers, pairs, rates } = state;

  function reserve(map: Map<string, Bucket>, key: string, capacity: number, perMs: number): number {
    const t = now();
    const b = map.get(key) ?? { tokens: capacity, at: t };
    b.tokens = Math.min(capacity, b.tokens + (t - b.at) * perMs);
    b.at = t;
    b.tokens -= 1;
    map.set(key, b);
    return b.tokens >= 0 ? 0 : Math.ceil(-b.tokens / perMs);
  }

  function prune() {
    if (pairs.size < MAX_PAIRS) return;
    const t = now();
    for (const [key, b] of pairs) {
      if (b.tokens + (t - b.at) / pairIntervalMs >= pairBurst) pairs.delete(key);
    }
  }

  return {
    /** Paces this number at `perSecond` from now on; null restores the default. */
    setRate(phoneNumberId: string, perSecond: number | null) {
      if (perSecond === null) rates.delete(phoneNumberId);
      else rates.set(phoneNumberId, perSecond);
      // A full bucket of the old size would let one burst above the new rate through.
      const b = numbers.get(phoneNumberId);
      if (b) b.tokens = Math.min(b.tokens, perSecond ?? perNumber);
    },
    /** Milliseconds waited before this message to `recipient` from `phoneNumberId` may go. */
    async acquire(phoneNumberId: string, recipient: string): Promise<number> {
      prune();
      const rate = rates.get(phoneNumberId) ?? perNumber;
      const wait = Math.max(
        reserve(numbers, phoneNumberId, rate, rate / 1000),
        reserve(pairs, `${phoneNumberId}:${recipient}`, pairBurst, 1 / pairIntervalMs),
      );
      if (wait > 0) await sleep(wait);
      return wait;
    },
  };
}

export type Pacer = ReturnType<typeof createPacer>;
