import type { Database } from "@/db";
import { getDb } from "@/db";
import type { AiProvider } from "@/lib/ai/providers";
import { getKeyring } from "@/lib/crypto";
import type { Keyring } from "@/lib/crypto/keyring";
import { getEnv } from "@/lib/env";
import { getGraphClient } from "@/lib/whatsapp";
import type { GraphClient } from "@/lib/whatsapp/graph-client";

/** What the reply job talks to. In production all of it comes from the environment. */
export type ReplyDeps = {
  db: Database;
  graph: GraphClient;
  keyring: Keyring;
  ai: {
    primary?: AiProvider;
    fallbacks: AiProvider[];
    timeoutMs?: number;
    /** Unset: the default embedding model; null: semantic retrieval off. */
    embeddingModel?: string | null;
    /** Unset: the default transcription model; null: voice notes are not transcribed. */
    transcriptionModel?: string | null;
    /** Voice notes and audio longer than this many seconds are not transcribed. */
    transcriptionMaxSeconds?: number;
  };
  smtp: { url: string; from: string } | null;
  /** How long a send cut off mid-call waits for WhatsApp's status before it may go again. */
  reconcileMs: number;
  /** When this process started: sends a restart cut off wait for their status from then. */
  startedAt?: Date;
  /** How many characters of a customer's message the FAQ matcher and the AI read. */
  inputChars?: number;
  /** Up to how many FAQ entries the model is shown the whole FAQ (benchmarks lower it). */
  wholeFaqMax?: number;
  /** The reply job's clock; tests set it to see the bot at a given time (business hours). */
  now?: () => Date;
};

/** When this process started, the same in every bundle's copy of this module. */
const processStartedAt = () => new Date(Math.floor(performance.timeOrigin));

// Set only by tests and benchmarks, which run one copy of every module; a server never sets it.
const store = globalThis as unknown as { __parleyReplyDeps?: Partial<ReplyDeps> };

/** Replaces parts of the reply job's dependencies (tests and benchmarks point them at stubs). */
export function provideReplyDeps(deps: Partial<ReplyDeps> | undefined) {
  store.__parleyReplyDeps = deps;
}

/** The AI configuration the reply job will use, without opening anything. */
export function replyAiConfig(): ReplyDeps["ai"] {
  return store.__parleyReplyDeps?.ai ?? getEnv().ai;
}

export async function getReplyDeps(): Promise<ReplyDeps> {
  const given = store.__parleyReplyDeps ?? {};
  const env = getEnv();
  return {
    db: given.db ?? (await getDb()),
    graph: given.graph ?? getGraphClient(),
    keyring: given.keyring ?? getKeyring(),
    ai: given.ai ?? env.ai,
    smtp: given.smtp !== undefined ? given.smtp : env.smtp,
    reconcileMs: given.reconcileMs ?? env.reconcileMs,
    // Tests and benchmarks that fabricate old claims set it, or leave it out, themselves.
    ...(store.__parleyReplyDeps
      ? given.startedAt && { startedAt: given.startedAt }
      : { startedAt: processStartedAt() }),
    inputChars: given.inputChars ?? env.botInputChars,
    ...(given.now && { now: given.now }),
  };
}
