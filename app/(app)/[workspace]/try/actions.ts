"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { tryBot } from "@/lib/bot/try-bot";
import { addWorkspaceFaqExamples } from "@/lib/faqs/manage-faqs";
import { addFaqExamplesSchema } from "@/lib/validations/faq";
import { tryBotSchema } from "@/lib/validations/try-bot";

// Sends nothing and writes nothing, so it is not audit-logged; it may call the AI, as customers'
// questions do, which is why only those who manage the bot may use it.
export const tryBotAction = workspaceAction("bot.manage", tryBotSchema, async (ctx, input) => {
  const { keyring, ai, inputChars } = await getReplyDeps();
  const view = await tryBot(
    { db: ctx.db, keyring, ai, inputChars },
    { workspaceId: ctx.workspace.id, workspaceName: ctx.workspace.name, ...input },
  );
  return { ok: true, data: view };
});

/** "Add as another wording of <entry>": the question tried becomes a wording of that entry. */
export const addTryWordingAction = workspaceAction(
  "bot.manage",
  addFaqExamplesSchema,
  addWorkspaceFaqExamples,
);
