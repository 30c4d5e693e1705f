import { z } from "zod";
import { getContact } from "@/db/queries/contacts";
import { ApiError } from "@/lib/api/errors";
import { readJsonBody, refusalToApiError } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import { contactPatch, contactResource } from "@/lib/contacts/api-contacts";
import { eraseWorkspaceContact, updateWorkspaceContact } from "@/lib/contacts/manage-contacts";

type Params = { id: string };

const notFound = () => new ApiError("not_found", "This workspace has no contact with this id.");

async function stored(db: Parameters<typeof getContact>[0], workspaceId: string, id: string) {
  const contact = z.uuid().safeParse(id).success ? await getContact(db, { workspaceId, id }) : null;
  if (!contact) throw notFound();
  return contact;
}

// GET /api/v1/contacts/{id}
export const GET = withApiKey<Params>(async ({ db, workspaceId, params }) =>
  Response.json({ data: contactResource(await stored(db, workspaceId, params.id)) }),
);

// PATCH /api/v1/contacts/{id} – changes the fields given
export const PATCH = withApiKey<Params>(
  async ({ actor, req, db, workspaceId, params }) => {
    await stored(db, workspaceId, params.id);
    const changes = contactPatch(await readJsonBody(req));
    const result = await updateWorkspaceContact(actor, { id: params.id, ...changes });
    if (!result.ok) throw refusalToApiError(result);
    return Response.json({ data: contactResource(await stored(db, workspaceId, params.id)) });
  },
  { scope: "write" },
);

// DELETE /api/v1/contacts/{id} – erases the contact, its conversations and messages (204)
export const DELETE = withApiKey<Params>(
  async ({ actor, workspaceId, db, params }) => {
    await stored(db, workspaceId, params.id);
    const result = await eraseWorkspaceContact(actor, { id: params.id });
    if (!result.ok) throw refusalToApiError(result);
    return new Response(null, { status: 204 });
  },
  { scope: "write" },
);
