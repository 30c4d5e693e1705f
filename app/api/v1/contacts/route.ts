import { getContact, listContactsPage } from "@/db/queries/contacts";
import { decodeCursor, encodeCursor, pageQuerySchema } from "@/lib/api/cursor";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { contactFilterQuerySchema, contactResource } from "@/lib/contacts/api-contacts";
import { createWorkspaceContact } from "@/lib/contacts/manage-contacts";
import { createContactSchema } from "@/lib/validations/contact";

// GET /api/v1/contacts – the workspace's contacts, oldest first, with optional filters
export const GET = withApiKey(async ({ db, workspaceId, searchParams }) => {
  const params = Object.fromEntries(searchParams);
  const query = pageQuerySchema.parse(params);
  const filters = contactFilterQuerySchema.parse(params);
  const { rows, next } = await listContactsPage(db, {
    workspaceId,
    ...filters,
    last: filters.lastMessage,
    after: decodeCursor(query.cursor, "uuid"),
    limit: query.limit,
    now: new Date(),
  });
  return Response.json({ data: rows.map(contactResource), nextCursor: encodeCursor(next) });
});

// POST /api/v1/contacts – adds a contact by phone; 409 when the workspace has that phone
export const POST = withApiKey(
  async ({ actor, req, db, workspaceId }) => {
    const input = createContactSchema.parse(await readJsonBody(req));
    const result = await createWorkspaceContact(actor, input);
    if (!result.ok) throw refusalToApiError(result);
    const contact = await getContact(db, { workspaceId, id: result.data.id });
    if (!contact)
      throw refusalToApiError({ code: "not_found", message: "The contact was erased." });
    return Response.json({ data: contactResource(contact) }, { status: 201 });
  },
  { scope: "write" },
);
