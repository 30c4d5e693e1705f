import { ApiError } from "@/lib/api/errors";
import { withWorkspace } from "@/lib/auth/workspace";
import { addFileSource } from "@/lib/knowledge/manage-sources";
import { readKnowledgeUpload } from "@/lib/knowledge/read-upload";

// A document is uploaded here rather than through a server action: actions carry a few
// megabytes at most, and a price list PDF may be up to 20 MB.
export const POST = withWorkspace("bot.manage", async (req, ctx) => {
  const file = await readKnowledgeUpload(req);
  const added = await addFileSource(ctx.db, ctx.workspace.id, file);
  if (!added.ok) {
    throw new ApiError(
      added.code === "payload_too_large" ? "payload_too_large" : "unprocessable_entity",
      added.message,
    );
  }
  return Response.json({ id: added.data.id }, { status: 202 });
});
