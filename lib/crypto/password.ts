import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { hasBrand, setBrand } from "@/lib/errors/brand";

// scrypt at OWASP's recommended cost (N=2^17, r=8, p=1): about 128 MiB and a few hundred
// milliseconds per hash. Parameters are stored with each hash so they can be raised later.
const DEFAULT = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 64;

// At most two hashes at once: each holds a libuv worker thread and 128 MiB, and the other
// threads serve files, DNS and the database. A few more may wait their turn; beyond that a hash
// is refused at once, so a burst of bogus sign-ins cannot hold a real one for many seconds.
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE_LIMIT = 8;
/** What a refused caller is told to wait: a full queue drains in about this long. */
export const HASH_RETRY_AFTER_SECONDS = 3;

const BRAND = "PasswordHashBusy";

/** Refusal of a password hash because too many are already running or waiting. */
export class PasswordHashBusy extends Error {
  override name = "PasswordHashBusy";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = HASH_RETRY_AFTER_SECONDS) {
    super("Too many sign-in attempts right now; try again in a few seconds");
    setBrand(this, BRAND);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isPasswordHashBusy = (error: unknown): error is PasswordHashBusy =>
  hasBrand(error, BRAND);

export type HashOptions = {
  /** Wait however long the queue is instead of being refused (CLI tools, start-up work). */
  patient?: boolean;
};

export type HashLimiter = {
  run<T>(work: () => Promise<T>, options?: HashOptions): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

/** A FIFO slot limiter: `concurrency` at once, `maxWaiting` queued, further callers refused. */
export function createHashLimiter(concurrency: number, maxWaiting: number): HashLimiter {
  let running = 0;
  const queue: (() => void)[] = [];
  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    async run(work, options) {
      if (running >= concurrency) {
        if (!options?.patient && queue.length >= maxWaiting) throw new PasswordHashBusy();
        // The slot is handed over by the finishing hash, so `running` stays counted for us.
        await new Promise<void>((r) => queue.push(r));
      } else {
        running += 1;
      }
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}

const limiter = createHashLimiter(HASH_CONCURRENCY, HASH_QUEUE_LIMIT);

function derive(
  password: string,
  salt: Buffer,
  o: { N: number; r: number; p: number },
  hashOptions?: HashOptions,
) {
  const options: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * o.p + 32 * 1024 * 1024 };
  return limiter.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
    hashOptions,
  );
}

/** Throws `PasswordHashBusy` (see `isPasswordHashBusy`) when the hash queue is full. */
export async function hashPassword(
  password: string,
  cost = DEFAULT,
  options?: HashOptions,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, options);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64"), key.toString("base64")].join(
    "$",
  );
}

/** Throws `PasswordHashBusy` (see `isPasswordHashBusy`) when the hash queue is full. */
export async function verifyPassword(
  password: string,
  stored: string,
  options?: HashOptions,
): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await derive(
    password,
    Buffer.from(salt, "base64"),
    { N: Number(n), r: Number(r), p: Number(p) },
    options,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Compared against when the e-mail is unknown, so a miss costs as long as a wrong password.
// Made once per process, waiting its turn rather than refused (a refusal would be cached).
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"), DEFAULT, { patient: true }).catch(
    (error: unknown) => {
      decoy = undefined;
      throw error;
    },
  );
  return decoy;
}
