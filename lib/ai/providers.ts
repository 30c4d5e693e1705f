import OpenAI from "openai";
import { waitingFetch } from "@/lib/jobs/waiting";
import { publicOnlyFetch } from "./public-endpoint";

/** An OpenAI-compatible chat completions endpoint. */
export type AiProvider = {
  name: string;
  baseURL?: string;
  apiKey: string;
  model: string;
  /** A tenant chose this address: only public https hosts are called, redirects refused. */
  publicOnly?: boolean;
  /** Whether the model is sent photos; unset: decided by the model's name (`seesImages`). */
  images?: boolean;
};

/** A workspace's own choice: a provider of the deployment by name, a model, or its own endpoint. */
export type WorkspaceAi = {
  provider: string | null;
  model: string | null;
  baseURL: string | null;
  apiKey: string | null;
};

/**
 * The order providers are tried in: the workspace's own endpoint and key first, or the deployment
 * provider it chose (with its model), then the deployment's default and fallbacks.
 */
export function providerChain(
  deployment: { primary?: AiProvider; fallbacks: AiProvider[]; publicEndpointsOnly?: boolean },
  workspace: WorkspaceAi,
): AiProvider[] {
  const shared = [...(deployment.primary ? [deployment.primary] : []), ...deployment.fallbacks];
  if (workspace.apiKey) {
    const own: AiProvider = {
      name: workspace.provider ?? "workspace",
      ...(workspace.baseURL && { baseURL: workspace.baseURL }),
      apiKey: workspace.apiKey,
      model: workspace.model ?? deployment.primary?.model ?? "gpt-4o-mini",
      ...(deployment.publicEndpointsOnly && { publicOnly: true }),
    };
    return [own, ...shared];
  }
  const chosen = shared.findIndex((p) => p.name === workspace.provider);
  if (chosen < 0) return shared;
  const first = shared[chosen] as AiProvider;
  return [
    { ...first, model: workspace.model ?? first.model },
    ...shared.filter((_, i) => i !== chosen),
  ];
}

// US dollars per million tokens (input, output), from the providers' published prices.
const PRICES: [prefix: string, input: number, output: number][] = [
  ["gpt-5-nano", 0.05, 0.4],
  ["gpt-5-mini", 0.25, 2],
  ["gpt-5", 1.25, 10],
  ["gpt-4.1-nano", 0.1, 0.4],
  ["gpt-4.1-mini", 0.4, 1.6],
  ["gpt-4.1", 2, 8],
  ["gpt-4o-mini", 0.15, 0.6],
  ["gpt-4o", 2.5, 10],
  ["gpt-3.5-turbo", 0.5, 1.5],
  ["o4-mini", 1.1, 4.4],
  ["o3-mini", 1.1, 4.4],
  ["o3", 2, 8],
];

/** Estimated cost in millionths of a dollar; null for a model without a known price. */
export function estimateCostMicros(model: string, promptTokens: number, completionTokens: number) {
  const bare = model.replace(/^.*\//, "").toLowerCase();
  const price = PRICES.find(([prefix]) => bare.startsWith(prefix));
  if (!price) return null;
  return Math.round(promptTokens * price[1] + completionTokens * price[2]);
}

// US dollars per minute of audio transcribed, from the providers' published prices.
const TRANSCRIPTION_PRICES: [prefix: string, perMinute: number][] = [
  ["gpt-4o-mini-transcribe", 0.003],
  ["gpt-4o-transcribe", 0.006],
  ["whisper", 0.006],
];

/** Estimated cost of transcribing `seconds` of audio in millionths of a dollar; null if unknown. */
export function estimateTranscriptionMicros(model: string, seconds: number) {
  const bare = model.replace(/^.*\//, "").toLowerCase();
  const price = TRANSCRIPTION_PRICES.find(([prefix]) => bare.startsWith(prefix));
  if (!price) return null;
  return Math.round((seconds / 60) * price[1] * 1_000_000);
}

const clients = new Map<string, OpenAI>();

/** One SDK client per endpoint and key; retries are ours (the next provider), not the SDK's. */
export function clientFor(provider: AiProvider, timeoutMs: number): OpenAI {
  const key = `${provider.baseURL ?? ""}\u0000${provider.apiKey}\u0000${timeoutMs}\u0000${provider.publicOnly ?? false}`;
  let client = clients.get(key);
  if (!client) {
    client = new OpenAI({
      apiKey: provider.apiKey,
      ...(provider.baseURL && { baseURL: provider.baseURL }),
      timeout: timeoutMs,
      maxRetries: 0,
      // Waiting for the model holds no job slot: it uses no CPU.
      fetch: waitingFetch(
        provider.publicOnly ? publicOnlyFetch : (input, init) => fetch(input, init),
      ),
    });
    clients.set(key, client);
  }
  return client;
}
