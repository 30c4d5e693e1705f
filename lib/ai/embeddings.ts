import { createHash } from "node:crypto";
import { APIConnectionTimeoutError, APIError } from "openai";
import { hasBrand, setBrand } from "@/lib/errors/brand";
import { DEFAULT_EMBEDDING_MODEL } from "./embedding-model";
import { type AiProvider, clientFor } from "./providers";
import { isEndpointRefused } from "./public-endpoint";

/** Where vectors come from: one provider and model. Vectors of two spaces are never compared. */
export type EmbeddingSpace = { provider: AiProvider; model: string; key: string };

/**
 * The space a workspace's vectors live in: the first provider of its chain (its own endpoint
 * when it has one, guarded like its chat calls) with the deployment's embedding model. Only one
 * provider: a fallback's vectors would not be comparable with the stored ones.
 */
export function embeddingSpace(
  providers: AiProvider[],
  model: string | null | undefined,
): EmbeddingSpace | null {
  const provider = providers[0];
  const chosen = model === undefined ? DEFAULT_EMBEDDING_MODEL : model;
  if (!provider || !chosen) return null;
  return { provider, model: chosen, key: `${provider.name}:${chosen}` };
}

export class EmbeddingFailed extends Error {
  override name = "EmbeddingFailed";
  constructor(readonly reason: string) {
    super(`Embedding failed: ${reason}`);
    setBrand(this, "EmbeddingFailed");
  }
}

export const isEmbeddingFailed = (error: unknown): error is EmbeddingFailed =>
  hasBrand(error, "EmbeddingFailed");

// Says what kind of failure it was, never the provider's response body (it may echo the input).
function reasonOf(error: unknown): string {
  if (error instanceof APIConnectionTimeoutError) return "timed out";
  if (error instanceof APIError && error.status) return `HTTP ${error.status}`;
  if (error instanceof APIError) {
    const cause = (error as { cause?: unknown }).cause;
    return isEndpointRefused(cause) ? `refused: ${cause.message}` : "could not connect";
  }
  return isEndpointRefused(error) ? `refused: ${error.message}` : "unreadable answer";
}

export const EMBEDDING_BATCH = 96;
const DEFAULT_EMBEDDING_TIMEOUT_MS = 10_000;

/** One vector per text, in order, from one `/embeddings` call; throws `EmbeddingFailed`. */
export async function embedTexts(
  space: EmbeddingSpace,
  texts: string[],
  timeoutMs = DEFAULT_EMBEDDING_TIMEOUT_MS,
): Promise<number[][]> {
  if (texts.length === 0) return [];
  let data: { embedding: number[]; index: number }[];
  try {
    const response = await clientFor(space.provider, timeoutMs).embeddings.create({
      model: space.model,
      input: texts,
      encoding_format: "float",
    });
    data = response.data;
  } catch (error) {
    throw new EmbeddingFailed(reasonOf(error));
  }
  const vectors: number[][] = new Array(texts.length);
  for (const item of data) vectors[item.index] = item.embedding;
  for (let i = 0; i < texts.length; i++) {
    const v = vectors[i];
    if (!Array.isArray(v) || v.length === 0 || !v.every(Number.isFinite)) {
      throw new EmbeddingFailed("unreadable answer");
    }
  }
  return vectors;
}

/** Cosine similarity of two vectors of one space (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * What is embedded for an FAQ entry: its question and its other wordings, keywords and (the start
 * of) its answer. A change to any of them changes the text, so the entry is embedded again.
 */
export function faqEmbeddingText(faq: {
  question: string;
  examples?: readonly string[];
  keywords: string[];
  answer: string;
}): string {
  const examples = faq.examples?.length ? `\n${faq.examples.join("\n")}` : "";
  const keywords = faq.keywords.length > 0 ? `\n${faq.keywords.join(", ")}` : "";
  return `${faq.question}${examples}${keywords}\n${faq.answer.slice(0, 1000)}`;
}

export const contentHash = (text: string) => createHash("sha256").update(text).digest("hex");
