import { getFaq, listFaqsPage } from "@/db/queries/faqs";
import { decodeCursor, encodeCursor, pageQuerySchema } from "@/lib/api/cursor";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { faqResource } from "@/lib/faqs/api-faqs";
import { createWorkspaceFaq } from "@/lib/faqs/manage-faqs";
import { createFaqSchema } from "@/lib/validations/faq";

// GET /api/v1/faqs – the workspace's FAQ entries, oldest first
export const GET = withApiKey(async ({ db, workspaceId, searchParams }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(searchParams));
  const { rows, next } = await listFaqsPage(db, {
    workspaceId,
    after: decodeCursor(query.cursor, "uuid"),
    limit: query.limit,
  });
  return Response.json({ data: rows.map(faqResource), nextCursor: encodeCursor(next) });
});

// POST /api/v1/faqs – adds an entry; 409 when the workspace already asks this question
export const POST = withApiKey(
  async ({ actor, req, db, workspaceId }) => {
    const input = createFaqSchema.parse(await readJsonBody(req));
    const result = await createWorkspaceFaq(actor, input);
    if (!result.ok) throw refusalToApiError(result);
    const faq = await getFaq(db, { workspaceId, id: result.data.id });
    if (!faq) throw refusalToApiError({ code: "not_found", message: "The FAQ was deleted." });
    return Response.json({ data: faqResource(faq) }, { status: 201 });
  },
  { scope: "write" },
);
