import { getBotSettings } from "@/db/queries/bot-settings";
import { translateOwnerText } from "@/lib/ai/translate";
import type { Notice } from "./decide";
import type { ReplyDeps } from "./deps";
import { englishName } from "./languages";
import { workspaceProviders } from "./workspace-providers";

/**
 * A notice's text with the owner's own wording translated into the customer's language, when the
 * workspace's AI is on and a provider is configured. Any failure, or a translation that lost a
 * number, time or link, keeps the owner's text as written.
 */
export async function localizeNotice(
  deps: Pick<ReplyDeps, "db" | "ai" | "keyring">,
  workspaceId: string,
  notice: Notice,
): Promise<string> {
  if (!notice.translate) return notice.text;
  const settings = await getBotSettings(deps.db, workspaceId);
  const providers = settings.aiEnabled ? workspaceProviders(deps, settings) : [];
  if (providers.length === 0) return notice.text;
  let text = notice.text;
  for (const own of notice.translate.texts) {
    const done = await translateOwnerText(providers, {
      text: own,
      language: englishName(notice.translate.language),
      ...(deps.ai.timeoutMs && { timeoutMs: deps.ai.timeoutMs }),
    });
    if (done.translated) text = text.replace(own, () => done.text);
  }
  return text;
}
