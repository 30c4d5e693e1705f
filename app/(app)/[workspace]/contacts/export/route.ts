import { listContactsForExport } from "@/db/queries/contacts";
import { withWorkspace } from "@/lib/auth/workspace";
import { contactsExportFilename, contactsToCsv } from "@/lib/contacts/export-csv";

/** The workspace's contacts as a CSV file that the importer reads back. */
export const GET = withWorkspace("contacts.manage", async (_req, ctx) => {
  const rows = await listContactsForExport(ctx.db, ctx.workspace.id);
  await ctx.audit("contact.exported", null, { contacts: rows.length });
  return new Response(contactsToCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${contactsExportFilename(ctx.workspace.slug)}"`,
      "cache-control": "no-store",
    },
  });
});
