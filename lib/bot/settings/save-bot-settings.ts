import type { Db } from "@/db/client";
import { getBotSettings, upsertBotSettings } from "@/db/queries/bot-settings";
import type { AiProvider } from "@/lib/ai/providers";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getKeyring } from "@/lib/crypto";
import type { Keyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import {
  type BotSettingsFormOutput,
  OWN_AI_KEY,
  ownKeyProblem,
} from "@/lib/validations/bot-settings";
import { type AlertTemplatesView, alertChoiceProblem } from "../alerts/alert-templates-view";
import { readAlertTemplates } from "../alerts/read-alert-templates";
import { getReplyDeps } from "../deps";
import {
  aiProviderProblem,
  deploymentAiChoices,
  ownEndpointProblem,
  storedAiProvider,
} from "./ai-choices";
import {
  AI_KEY_CONTEXT,
  type BotSettingsView,
  botSettingsView,
  readStoredKey,
} from "./form-values";
import { settingsPatch } from "./settings-patch";

export type SavedBotSettings = { changed: string[]; view: BotSettingsView };

type Deps = {
  keyring: Keyring;
  ai: { primary?: AiProvider | undefined; fallbacks: AiProvider[] };
  publicEndpointsOnly: boolean;
  /** DNS for the endpoint check; tests answer without the network. */
  resolve?: (host: string) => Promise<string[]>;
  /** The number's templates, asked of WhatsApp when the alert template changes. */
  alertTemplates?: (db: Db, workspaceId: string) => Promise<AlertTemplatesView>;
};

const defaultDeps = (): Deps => ({
  keyring: getKeyring(),
  ai: getEnv().ai,
  publicEndpointsOnly: getEnv().ai.publicEndpointsOnly,
});

async function numberTemplates(db: Db, workspaceId: string) {
  const { graph, keyring } = await getReplyDeps();
  return readAlertTemplates({ db, graph, keyring }, workspaceId);
}

/** Checked with WhatsApp only when the choice changes: an unchanged one saves without a call. */
async function alertTemplateProblem(
  ctx: WorkspaceContext,
  row: { alertTemplateName: string | null; alertTemplateLanguage: string | null },
  form: BotSettingsFormOutput,
  deps: Deps,
): Promise<string | null> {
  if (form.alertTemplateName === undefined) return null;
  const name = form.alertTemplateName;
  const language = form.alertTemplateLanguage ?? null;
  if (!name || !language) return null;
  if (name === row.alertTemplateName && language === row.alertTemplateLanguage) return null;
  const view = await (deps.alertTemplates ?? numberTemplates)(ctx.db, ctx.workspace.id);
  return alertChoiceProblem(view, {
    name,
    language,
  });
}

/**
 * Saves the fields that differ from the stored settings and audit-logs their names. Returns the
 * settings as the page shows them next, with the key masked.
 */
export async function saveBotSettingsAs(
  ctx: WorkspaceContext,
  form: BotSettingsFormOutput,
  deps: Deps = defaultDeps(),
): Promise<ActionResult<SavedBotSettings>> {
  const workspaceId = ctx.workspace.id;
  const choices = deploymentAiChoices(deps.ai);
  const row = await getBotSettings(ctx.db, workspaceId);
  const stored = readStoredKey(row, deps.keyring);

  if (form.version && form.version !== row.updatedAt.toISOString()) {
    return {
      ok: false,
      code: "conflict",
      message:
        "Someone else saved these settings after you opened them. Your changes are still in the form: note them, reload the page, and save again.",
    };
  }
  const fieldErrors: Record<string, string> = {};
  const providerProblem = aiProviderProblem(form, storedAiProvider(row, choices), choices);
  if (providerProblem) fieldErrors.aiProvider = providerProblem;
  const endpointProblem =
    form.aiProvider === OWN_AI_KEY
      ? await ownEndpointProblem(form.aiBaseUrl, deps.publicEndpointsOnly, deps.resolve)
      : null;
  if (endpointProblem) fieldErrors.aiBaseUrl = endpointProblem;
  const keyProblem = ownKeyProblem(form, stored.state.kind === "stored");
  if (keyProblem) fieldErrors.aiApiKey = keyProblem;
  // The stored key only ever goes to the address it was entered for.
  const movesStoredKey =
    form.aiProvider === OWN_AI_KEY &&
    stored.state.kind === "stored" &&
    form.aiApiKey === "" &&
    form.aiBaseUrl !== (row.aiBaseUrl ?? "");
  const templateProblem = await alertTemplateProblem(ctx, row, form, deps);
  if (templateProblem) fieldErrors.alertTemplateName = templateProblem;
  if (movesStoredKey && !fieldErrors.aiApiKey) {
    fieldErrors.aiApiKey =
      "Enter the API key again: a saved key is only sent to the address it was entered for.";
  }
  if (Object.keys(fieldErrors).length > 0) {
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors,
    };
  }

  const { patch, changed } = settingsPatch({
    row,
    form,
    choices,
    storedKey: stored.plaintext,
    encryptKey: (key) => encryptSecret(key, deps.keyring, AI_KEY_CONTEXT, workspaceId),
  });
  if (changed.length === 0) {
    return { ok: true, data: { changed, view: botSettingsView(row, choices, deps.keyring) } };
  }
  await upsertBotSettings(ctx.db, { workspaceId, ...patch });
  await ctx.audit("bot.settings_updated", workspaceId, { fields: changed });
  const saved = await getBotSettings(ctx.db, workspaceId);
  return { ok: true, data: { changed, view: botSettingsView(saved, choices, deps.keyring) } };
}
