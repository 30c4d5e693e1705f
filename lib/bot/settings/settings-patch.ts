import type { BotSettingsInput, BotSettingsRow } from "@/db/queries/bot-settings";
import { type BotSettingsFormOutput, OWN_AI_KEY } from "@/lib/validations/bot-settings";
import { fromStoredHours, toStoredHours } from "@/lib/validations/business-hours";
import { type AiChoice, storedAiProvider } from "./ai-choices";

// Fields stored as the form gives them (after the schema's tidying).
const PLAIN_FIELDS = [
  "enabled",
  "aiEnabled",
  "aiImages",
  "systemPrompt",
  "tone",
  "maxReplyLength",
  "welcomeMessage",
  "fallbackMessage",
  "timezone",
  "awayMessage",
  "defaultLanguage",
  "aiDisclosure",
  "systemMessages",
  "outsideHours",
  "handoffKeywords",
  "maxMessagesPerHour",
  "maxMessagesPerUserPerDay",
  "escalationPhone",
  "escalationEmail",
  "alertTemplateName",
  "alertTemplateLanguage",
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type PatchInput = {
  row: BotSettingsRow;
  form: BotSettingsFormOutput;
  choices: AiChoice[];
  /** The stored key in clear, or null when there is none or it cannot be read. */
  storedKey: string | null;
  encryptKey: (plaintext: string) => string;
};

/** The AI columns the form amounts to; a stored key is only kept with "my own key". */
function aiColumns({ row, form, choices, storedKey, encryptKey }: PatchInput) {
  const own = form.aiProvider === OWN_AI_KEY;
  const unchangedChoice = form.aiProvider === storedAiProvider(row, choices);
  let key: string | null = null;
  if (own && form.aiApiKey === "") key = row.aiApiKeyEncrypted;
  else if (own) {
    key = form.aiApiKey === storedKey ? row.aiApiKeyEncrypted : encryptKey(form.aiApiKey);
  }
  return {
    // "No choice" and the first provider are the same thing; an unchanged choice stays as stored.
    aiProvider: own ? null : unchangedChoice ? row.aiProvider : form.aiProvider || null,
    aiModel: form.aiModel || null,
    aiBaseUrl: own ? form.aiBaseUrl || null : null,
    aiApiKeyEncrypted: key,
  };
}

/**
 * Only what differs from the stored settings, and the names of the changed fields as the form
 * calls them (the key is "aiApiKey"; its value never leaves this function in clear).
 */
export function settingsPatch(input: PatchInput): { patch: BotSettingsInput; changed: string[] } {
  const { row, form } = input;
  const patch: Record<string, unknown> = {};
  const changed: string[] = [];
  for (const field of PLAIN_FIELDS) {
    // A field the form left out (an older page: no alert template yet) stays as stored.
    if (form[field] === undefined) continue;
    if (!same(form[field], row[field])) {
      patch[field] = form[field];
      changed.push(field);
    }
  }
  const hours = toStoredHours(form.businessHours);
  if (!same(hours, toStoredHours(fromStoredHours(row.businessHours)))) {
    patch.businessHours = hours;
    changed.push("businessHours");
  }
  // The provider is named by the choice made, not by its column: "my own key" is stored as a key.
  if (form.aiProvider !== storedAiProvider(row, input.choices)) changed.push("aiProvider");
  for (const [column, value] of Object.entries(aiColumns(input))) {
    if (value === row[column as keyof BotSettingsRow]) continue;
    patch[column] = value;
    if (column === "aiModel" || column === "aiBaseUrl") changed.push(column);
    if (column === "aiApiKeyEncrypted") changed.push("aiApiKey");
  }
  return { patch: patch as BotSettingsInput, changed };
}
