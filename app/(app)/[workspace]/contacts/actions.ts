"use server";

import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { workspaceAction } from "@/lib/auth/workspace";
import { importContacts, previewContactImport } from "@/lib/contacts/import-contacts";
import { eraseWorkspaceContact, updateWorkspaceContact } from "@/lib/contacts/manage-contacts";
import {
  contactFieldsSchema,
  contactIdSchema,
  parseAttributeText,
  splitTags,
  updateContactFormSchema,
} from "@/lib/validations/contact";
import { faqImportSchema } from "@/lib/validations/faq-import";

/** The page's form: tags and attributes arrive as typed, and are checked like the API's. */
async function saveContactForm(
  ctx: WorkspaceContext,
  input: ReturnType<typeof updateContactFormSchema.parse>,
): Promise<ActionResult<{ id: string }>> {
  const attributes = parseAttributeText(input.attributes);
  if (!attributes.ok) {
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: { attributes: attributes.message },
    };
  }
  const parsed = contactFieldsSchema.safeParse({
    name: input.name,
    tags: splitTags(input.tags),
    attributes: attributes.value,
    ...(input.optIn !== "unknown" && {
      optIn: { status: input.optIn, source: input.optInSource?.trim() || undefined },
    }),
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "optIn" ? "optInSource" : String(issue.path[0] ?? "form");
      fieldErrors[field] ??= issue.message;
    }
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors,
    };
  }
  return updateWorkspaceContact(ctx, {
    id: input.id,
    ...parsed.data,
    optInCleared: input.optIn === "unknown",
  });
}

export const updateContactAction = workspaceAction(
  "conversations.work",
  updateContactFormSchema,
  saveContactForm,
);

export const eraseContactAction = workspaceAction(
  "contacts.manage",
  contactIdSchema,
  eraseWorkspaceContact,
);

export const previewContactImportAction = workspaceAction(
  "contacts.manage",
  faqImportSchema,
  previewContactImport,
);

export const importContactsAction = workspaceAction(
  "contacts.manage",
  faqImportSchema,
  importContacts,
);
