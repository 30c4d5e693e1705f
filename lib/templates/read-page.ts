import {
  isTemplateCopyStale,
  listStoredTemplates,
  listTemplateNumbers,
} from "@/db/queries/templates";
import type { WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { log } from "@/lib/log";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { readWabaTemplates, syncWabaTemplates } from "./sync";
import { type TemplateRow, toTemplateRow } from "./view";
import { templateErrorWords } from "./words";

export type TemplateAccount = { wabaId: string; numbers: string[] };

export type TemplatesPage = {
  accounts: TemplateAccount[];
  /** The WABA shown; null when the workspace has no connected number. */
  wabaId: string | null;
  rows: TemplateRow[];
  /** Why the listing from WhatsApp failed (the stored copy is shown meanwhile). */
  error: string | null;
};

/** The workspace's WhatsApp accounts, each with its numbers, in connection order. */
async function accountsOf(ctx: WorkspaceContext) {
  const numbers = await listTemplateNumbers(ctx.db, ctx.workspace.id);
  const accounts: (TemplateAccount & { token: string })[] = [];
  for (const n of numbers) {
    if (!n.wabaId || !n.accessTokenEncrypted) continue;
    const label = n.displayPhoneNumber ?? n.phoneNumberId;
    const known = accounts.find((a) => a.wabaId === n.wabaId);
    if (known) known.numbers.push(label);
    else accounts.push({ wabaId: n.wabaId, numbers: [label], token: n.accessTokenEncrypted });
  }
  return accounts;
}

/** The page's first paint: Meta's listing when Parley's copy is over a minute old. */
export async function readTemplatesPage(
  ctx: WorkspaceContext,
  wanted: string | undefined,
): Promise<TemplatesPage> {
  const accounts = await accountsOf(ctx);
  const account = accounts.find((a) => a.wabaId === wanted) ?? accounts[0];
  const plain = accounts.map(({ wabaId, numbers }) => ({ wabaId, numbers }));
  if (!account) return { accounts: plain, wabaId: null, rows: [], error: null };
  const deps = await getReplyDeps();
  const scope = { workspaceId: ctx.workspace.id, wabaId: account.wabaId };
  let error: string | null = null;
  try {
    const token = decryptSecret(
      account.token,
      deps.keyring,
      "channels.access_token",
      scope.workspaceId,
    );
    await readWabaTemplates({ db: ctx.db, graph: deps.graph }, { ...scope, token });
  } catch (cause) {
    if (!isGraphError(cause)) throw cause;
    error = templateErrorWords(cause);
  }
  const rows = (await listStoredTemplates(ctx.db, scope)).map(toTemplateRow);
  return { accounts: plain, wabaId: account.wabaId, rows, error };
}

/**
 * The stored copy, for the page's polling: what webhooks changed since. Meta is asked only when
 * a webhook named a template the copy lacks (one made in WhatsApp Manager, say).
 */
export async function readStoredTemplateRows(ctx: WorkspaceContext, wabaId: string) {
  const scope = { workspaceId: ctx.workspace.id, wabaId };
  if (await isTemplateCopyStale(ctx.db, scope)) {
    const account = (await accountsOf(ctx)).find((a) => a.wabaId === wabaId);
    if (account) {
      const deps = await getReplyDeps();
      try {
        const token = decryptSecret(
          account.token,
          deps.keyring,
          "channels.access_token",
          scope.workspaceId,
        );
        await syncWabaTemplates({ db: ctx.db, graph: deps.graph }, { ...scope, token });
      } catch (cause) {
        if (!isGraphError(cause)) throw cause;
        // The stored copy is still shown; the next poll asks again.
        log.warn({ code: cause.code }, "Could not list templates after a template webhook");
      }
    }
  }
  return (await listStoredTemplates(ctx.db, scope)).map(toTemplateRow);
}
