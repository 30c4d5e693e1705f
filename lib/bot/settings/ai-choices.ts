import type { BotSettingsRow } from "@/db/queries/bot-settings";
import type { AiProvider } from "@/lib/ai/providers";
import { assertPublicEndpoint, isEndpointRefused } from "@/lib/ai/public-endpoint";
import { type BotSettingsFormInput, OWN_AI_KEY } from "@/lib/validations/bot-settings";

/** A provider of this deployment as the settings page may show it: its name and default model. */
export type AiChoice = { name: string; model: string };

/** The deployment's providers in the order they are tried, never with their keys or addresses. */
export function deploymentAiChoices(ai: {
  primary?: AiProvider | undefined;
  fallbacks: AiProvider[];
}): AiChoice[] {
  const all = [...(ai.primary ? [ai.primary] : []), ...ai.fallbacks];
  const seen = new Set<string>();
  return all.flatMap((p) => {
    if (seen.has(p.name)) return [];
    seen.add(p.name);
    return [{ name: p.name, model: p.model }];
  });
}

/**
 * The provider choice the stored settings amount to. A stored key is always tried first (see
 * providerChain), so it means "own"; no choice means the deployment's first provider.
 */
export function storedAiProvider(
  row: Pick<BotSettingsRow, "aiProvider" | "aiApiKeyEncrypted">,
  choices: AiChoice[],
): string {
  if (row.aiApiKeyEncrypted) return OWN_AI_KEY;
  return row.aiProvider ?? choices[0]?.name ?? "";
}

/**
 * Whether the chosen provider may be saved: "own", one of this server's providers, none when the
 * server has none, or the stored one left as it was (it may have been removed from the server).
 */
export function aiProviderProblem(
  form: Pick<BotSettingsFormInput, "aiProvider">,
  stored: string,
  choices: AiChoice[],
): string | null {
  const chosen = form.aiProvider;
  if (chosen === OWN_AI_KEY || chosen === stored) return null;
  if (chosen === "" ? choices.length === 0 : choices.some((c) => c.name === chosen)) return null;
  return "Choose a provider from the list.";
}

/**
 * A workspace's own AI address is called by this server. In production it must be public
 * https (checked again on every call), so one tenant cannot reach internal services through it.
 * Elsewhere a local model server (Ollama and the like) on the same machine is allowed.
 */
export async function ownEndpointProblem(
  baseUrl: string,
  publicOnly: boolean,
  resolve?: (host: string) => Promise<string[]>,
): Promise<string | null> {
  if (!baseUrl || !publicOnly) return null;
  try {
    await assertPublicEndpoint(new URL(baseUrl), resolve);
    return null;
  } catch (error) {
    if (isEndpointRefused(error)) return error.message;
    throw error;
  }
}
