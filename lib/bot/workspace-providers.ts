import type { BotSettingsRow } from "@/db/queries/bot-settings";
import { providerChain } from "@/lib/ai/providers";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { ReplyDeps } from "./deps";

/** The workspace's AI provider chain: its own endpoint and key first, then the deployment's. */
export function workspaceProviders(
  deps: Pick<ReplyDeps, "ai" | "keyring">,
  settings: Pick<
    BotSettingsRow,
    "workspaceId" | "aiProvider" | "aiModel" | "aiBaseUrl" | "aiApiKeyEncrypted"
  > & { aiImages?: BotSettingsRow["aiImages"] },
) {
  const chain = providerChain(deps.ai, {
    provider: settings.aiProvider,
    model: settings.aiModel,
    baseURL: settings.aiBaseUrl,
    apiKey: settings.aiApiKeyEncrypted
      ? decryptSecret(
          settings.aiApiKeyEncrypted,
          deps.keyring,
          "bot_settings.ai_api_key",
          settings.workspaceId,
        )
      : null,
  });
  // The owner's word on photos is about the model they chose: the first in the chain.
  const [first, ...rest] = chain;
  if (!first || !settings.aiImages || settings.aiImages === "auto") return chain;
  return [{ ...first, images: settings.aiImages === "on" }, ...rest];
}

/** Whether the bot answers with AI: switched on and a provider to call. */
export function aiAnswers(
  deps: Pick<ReplyDeps, "ai" | "keyring">,
  settings: Parameters<typeof workspaceProviders>[1] & Pick<BotSettingsRow, "aiEnabled">,
): boolean {
  return settings.aiEnabled && workspaceProviders(deps, settings).length > 0;
}
