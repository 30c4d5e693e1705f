import type { BotSettingsRow } from "@/db/queries/bot-settings";
import type { SecretContext } from "@/db/queries/encrypted-columns";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret, isSecretDecryptionError, maskSecret } from "@/lib/crypto/secrets";
import type { BotSettingsFormInput, Tone } from "@/lib/validations/bot-settings";
import { fromStoredHours } from "@/lib/validations/business-hours";
import { DEFAULT_LANGUAGE, isLanguage } from "../languages";
import { type AiChoice, storedAiProvider } from "./ai-choices";

export const AI_KEY_CONTEXT = "bot_settings.ai_api_key" satisfies SecretContext;

/** What the page may know of the stored key: only whether there is one, and its masked form. */
export type ApiKeyState =
  | { kind: "none" }
  | { kind: "stored"; masked: string }
  | { kind: "unreadable" };

/** The settings as the form starts from; the key itself stays on the server. */
export type BotSettingsView = { values: BotSettingsFormInput; apiKey: ApiKeyState };

export function readStoredKey(
  row: Pick<BotSettingsRow, "aiApiKeyEncrypted" | "workspaceId">,
  keyring: Keyring,
): { state: ApiKeyState; plaintext: string | null } {
  if (!row.aiApiKeyEncrypted) return { state: { kind: "none" }, plaintext: null };
  try {
    const plaintext = decryptSecret(
      row.aiApiKeyEncrypted,
      keyring,
      AI_KEY_CONTEXT,
      row.workspaceId,
    );
    return { state: { kind: "stored", masked: maskSecret(plaintext) }, plaintext };
  } catch (error) {
    // Encrypted under a key this server no longer has: the page still opens and asks for a new one.
    if (isSecretDecryptionError(error)) {
      return { state: { kind: "unreadable" }, plaintext: null };
    }
    throw error;
  }
}

export function toFormValues(row: BotSettingsRow, choices: AiChoice[]): BotSettingsFormInput {
  return {
    enabled: row.enabled,
    aiEnabled: row.aiEnabled,
    aiProvider: storedAiProvider(row, choices),
    aiModel: row.aiModel ?? "",
    aiImages: row.aiImages,
    aiBaseUrl: row.aiApiKeyEncrypted ? (row.aiBaseUrl ?? "") : "",
    aiApiKey: "",
    systemPrompt: row.systemPrompt ?? "",
    // A tone set elsewhere (an older import) is shown as it is; the form asks for one of its own.
    tone: row.tone as Tone,
    maxReplyLength: row.maxReplyLength,
    welcomeMessage: row.welcomeMessage ?? "",
    fallbackMessage: row.fallbackMessage,
    timezone: row.timezone,
    businessHours: fromStoredHours(row.businessHours),
    awayMessage: row.awayMessage ?? "",
    defaultLanguage: isLanguage(row.defaultLanguage) ? row.defaultLanguage : DEFAULT_LANGUAGE,
    aiDisclosure: row.aiDisclosure,
    systemMessages: row.systemMessages ?? {},
    outsideHours: row.outsideHours,
    handoffKeywords: row.handoffKeywords,
    maxMessagesPerHour: row.maxMessagesPerHour,
    maxMessagesPerUserPerDay: row.maxMessagesPerUserPerDay,
    escalationPhone: row.escalationPhone ?? "",
    escalationEmail: row.escalationEmail ?? "",
    alertTemplateName: row.alertTemplateName ?? "",
    alertTemplateLanguage: row.alertTemplateLanguage ?? "",
    version: row.updatedAt.toISOString(),
  };
}

export function botSettingsView(
  row: BotSettingsRow,
  choices: AiChoice[],
  keyring: Keyring,
): BotSettingsView {
  return { values: toFormValues(row, choices), apiKey: readStoredKey(row, keyring).state };
}
