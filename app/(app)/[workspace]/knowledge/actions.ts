"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import {
  addTextSource,
  addWebsiteSource,
  removeSource,
  resyncSource,
} from "@/lib/knowledge/manage-sources";
import {
  knowledgeSourceIdSchema,
  knowledgeTextSchema,
  knowledgeWebsiteSchema,
} from "@/lib/validations/knowledge";

export const addKnowledgeTextAction = workspaceAction(
  "bot.manage",
  knowledgeTextSchema,
  async (ctx, input) => {
    const added = await addTextSource(ctx.db, ctx.workspace.id, input);
    return added.ok ? { ok: true, data: { id: added.data.id } } : added;
  },
);

export const addKnowledgeWebsiteAction = workspaceAction(
  "bot.manage",
  knowledgeWebsiteSchema,
  async (ctx, input) => {
    const added = await addWebsiteSource(ctx.db, ctx.workspace.id, input);
    return added.ok ? { ok: true, data: { id: added.data.id } } : added;
  },
);

export const resyncKnowledgeAction = workspaceAction(
  "bot.manage",
  knowledgeSourceIdSchema,
  (ctx, { id }) => resyncSource(ctx.db, ctx.workspace.id, id),
);

export const deleteKnowledgeAction = workspaceAction(
  "bot.manage",
  knowledgeSourceIdSchema,
  (ctx, { id }) => removeSource(ctx.db, ctx.workspace.id, id),
);
