import type { z } from "zod";
import {
  deleteStoredTemplates,
  getStoredTemplate,
  listTemplateNumbers,
  upsertTemplate,
} from "@/db/queries/templates";
import type { ActionResult, WorkspaceContext } from "@/lib/auth/workspace";
import { getReplyDeps } from "@/lib/bot/deps";
import { decryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type {
  createTemplateSchema,
  editTemplateSchema,
  templateIdSchema,
} from "@/lib/validations/template";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { EDITABLE_STATUSES } from "./editable";
import { createTemplatePayload, templateComponents } from "./payload";
import { parameterFormat } from "./rules";
import { syncWabaTemplates } from "./sync";
import { templateErrorWords } from "./words";

// Creating, editing and deleting a workspace's templates through Meta's template endpoints, and
// keeping Parley's copy in step so the page shows the result at once.

type Refusal = Extract<ActionResult<never>, { ok: false }>;

async function wabaAccess(
  ctx: WorkspaceContext,
  wabaId: string,
): Promise<{ token: string; wabaId: string } | Refusal> {
  const numbers = await listTemplateNumbers(ctx.db, ctx.workspace.id);
  const number = numbers.find((n) => n.wabaId === wabaId);
  if (!number?.accessTokenEncrypted) {
    return {
      ok: false,
      code: "no_number",
      message: "Connect a WhatsApp number first: templates belong to the number's account.",
    };
  }
  const { keyring } = await getReplyDeps();
  const token = decryptSecret(
    number.accessTokenEncrypted,
    keyring,
    "channels.access_token",
    ctx.workspace.id,
  );
  return { token, wabaId };
}

const refused = (error: unknown): Refusal => {
  if (!isGraphError(error)) throw error;
  return { ok: false, code: "whatsapp_refused", message: templateErrorWords(error) };
};

export async function createWorkspaceTemplate(
  ctx: WorkspaceContext,
  input: z.infer<typeof createTemplateSchema>,
): Promise<ActionResult<{ id: string | null; status: string }>> {
  const access = await wabaAccess(ctx, input.wabaId);
  if ("ok" in access) return access;
  const { graph } = await getReplyDeps();
  const payload = createTemplatePayload(input.draft);
  let created: { id: string; status: string; category: string };
  try {
    created = await graph.createTemplate(access.wabaId, access.token, payload);
  } catch (error) {
    return refused(error);
  }
  const id = await upsertTemplate(ctx.db, {
    workspaceId: ctx.workspace.id,
    wabaId: access.wabaId,
    metaId: created.id,
    name: payload.name,
    language: payload.language,
    // Meta may file it under another category than asked; its answer says which.
    category: created.category.toUpperCase(),
    status: created.status.toUpperCase(),
    quality: null,
    rejectedReason: null,
    parameterFormat: payload.parameter_format,
    components: payload.components,
  });
  if (created.status.toUpperCase() === "REJECTED") {
    // Meta's answer gives no reason for a rejection on submission; its listing does.
    try {
      await syncWabaTemplates(
        { db: ctx.db, graph },
        { workspaceId: ctx.workspace.id, wabaId: access.wabaId, token: access.token },
      );
    } catch (error) {
      if (!isGraphError(error)) throw error;
      // The template is stored as rejected; the page's next listing brings the reason.
      log.warn({ code: error.code }, "Could not list templates after a rejection on submission");
    }
  }
  await ctx.audit("template.created", created.id, {
    name: payload.name,
    language: payload.language,
  });
  return { ok: true, data: { id, status: created.status.toUpperCase() } };
}

export async function editWorkspaceTemplate(
  ctx: WorkspaceContext,
  input: z.infer<typeof editTemplateSchema>,
): Promise<ActionResult<{ status: string }>> {
  const stored = await getStoredTemplate(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!stored) return { ok: false, code: "not_found", message: "This template no longer exists." };
  if (!EDITABLE_STATUSES.has(stored.status)) {
    return {
      ok: false,
      code: "not_editable",
      message:
        stored.status === "PENDING"
          ? "WhatsApp is still reviewing it; it can be edited once the review is done."
          : "WhatsApp does not allow editing a template in this state. Create a new one instead.",
    };
  }
  const { draft } = input;
  if (draft.name !== stored.name || draft.language !== stored.language) {
    return {
      ok: false,
      code: "invalid",
      message: "A template's name and language cannot change. Create a new template instead.",
    };
  }
  const categoryChanged = draft.category !== stored.category;
  if (categoryChanged && stored.status === "APPROVED") {
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        "draft.category":
          "WhatsApp does not let an approved template change category. Create a new template instead.",
      },
    };
  }
  const access = await wabaAccess(ctx, stored.wabaId);
  if ("ok" in access) return access;
  const { graph } = await getReplyDeps();
  const components = templateComponents(draft);
  try {
    await graph.editTemplate(stored.metaId, access.token, {
      ...(categoryChanged && { category: draft.category }),
      parameter_format: parameterFormat(draft),
      components,
    });
  } catch (error) {
    return refused(error);
  }
  // Meta reviews every edit; its status webhook brings the outcome.
  await upsertTemplate(ctx.db, {
    workspaceId: ctx.workspace.id,
    wabaId: stored.wabaId,
    metaId: stored.metaId,
    name: stored.name,
    language: stored.language,
    category: draft.category,
    status: "PENDING",
    quality: stored.quality,
    rejectedReason: null,
    parameterFormat: parameterFormat(draft),
    components,
  });
  await ctx.audit("template.edited", stored.metaId, { name: stored.name });
  return { ok: true, data: { status: "PENDING" } };
}

export async function deleteWorkspaceTemplate(
  ctx: WorkspaceContext,
  input: z.infer<typeof templateIdSchema>,
): Promise<ActionResult<null>> {
  const stored = await getStoredTemplate(ctx.db, { workspaceId: ctx.workspace.id, id: input.id });
  if (!stored) return { ok: true, data: null };
  const access = await wabaAccess(ctx, stored.wabaId);
  if ("ok" in access) return access;
  const { graph } = await getReplyDeps();
  try {
    await graph.deleteTemplate(stored.wabaId, access.token, {
      name: stored.name,
      templateId: stored.metaId,
    });
  } catch (error) {
    return refused(error);
  }
  await deleteStoredTemplates(ctx.db, {
    workspaceId: ctx.workspace.id,
    wabaId: stored.wabaId,
    name: stored.name,
    metaIds: [stored.metaId],
  });
  await ctx.audit("template.deleted", stored.metaId, {
    name: stored.name,
    language: stored.language,
  });
  return { ok: true, data: null };
}

export const SAMPLE_TYPES: Record<
  string,
  { kind: "image" | "video" | "document"; maxBytes: number }
> = {
  "image/jpeg": { kind: "image", maxBytes: 5 * 1024 * 1024 },
  "image/png": { kind: "image", maxBytes: 5 * 1024 * 1024 },
  "video/mp4": { kind: "video", maxBytes: 16 * 1024 * 1024 },
  "application/pdf": { kind: "document", maxBytes: 16 * 1024 * 1024 },
};

/** Uploads a media header's sample to Meta; the handle goes into the template's example. */
export async function uploadTemplateSample(
  ctx: WorkspaceContext,
  input: { wabaId: string; fileName: string; mimeType: string; bytes: Uint8Array },
): Promise<ActionResult<{ handle: string; kind: "image" | "video" | "document" }>> {
  const type = SAMPLE_TYPES[input.mimeType];
  if (!type) {
    return {
      ok: false,
      code: "invalid",
      message: "WhatsApp takes a JPEG or PNG picture, an MP4 video or a PDF document as a sample.",
    };
  }
  if (input.bytes.length === 0 || input.bytes.length > type.maxBytes) {
    return {
      ok: false,
      code: "invalid",
      message: `The sample must be a non-empty file of at most ${type.maxBytes / 1024 / 1024} MB.`,
    };
  }
  const access = await wabaAccess(ctx, input.wabaId);
  if ("ok" in access) return access;
  const { graph } = await getReplyDeps();
  try {
    const handle = await graph.uploadSample(getEnv().meta.appId, access.token, input);
    return { ok: true, data: { handle, kind: type.kind } };
  } catch (error) {
    return refused(error);
  }
}

/** Reads the WABA's templates from Meta again (the page's Refresh). */
export async function refreshWorkspaceTemplates(
  ctx: WorkspaceContext,
  input: { wabaId: string },
): Promise<ActionResult<null>> {
  const access = await wabaAccess(ctx, input.wabaId);
  if ("ok" in access) return access;
  const { graph } = await getReplyDeps();
  try {
    await syncWabaTemplates(
      { db: ctx.db, graph },
      { workspaceId: ctx.workspace.id, wabaId: access.wabaId, token: access.token },
    );
  } catch (error) {
    return refused(error);
  }
  return { ok: true, data: null };
}
