import { withWorkspace } from "@/lib/auth/workspace";
import { readInboxPage } from "@/lib/inbox/read-inbox";
import { inboxListQuery } from "@/lib/validations/inbox";

export const dynamic = "force-dynamic";

/** The inbox list for polling: one page of a tab, with every tab's count. */
export const GET = withWorkspace("conversations.work", async (req, ctx) => {
  const query = inboxListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await readInboxPage(ctx, query), {
    headers: { "cache-control": "no-store" },
  });
});
