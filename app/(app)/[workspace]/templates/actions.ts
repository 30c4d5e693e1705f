"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/auth/workspace";
import {
  createWorkspaceTemplate,
  deleteWorkspaceTemplate,
  editWorkspaceTemplate,
  refreshWorkspaceTemplates,
} from "@/lib/templates/manage-templates";
import {
  createTemplateSchema,
  editTemplateSchema,
  templateIdSchema,
} from "@/lib/validations/template";

export const createTemplateAction = workspaceAction(
  "templates.manage",
  createTemplateSchema,
  createWorkspaceTemplate,
);

export const editTemplateAction = workspaceAction(
  "templates.manage",
  editTemplateSchema,
  editWorkspaceTemplate,
);

export const deleteTemplateAction = workspaceAction(
  "templates.manage",
  templateIdSchema,
  deleteWorkspaceTemplate,
);

export const refreshTemplatesAction = workspaceAction(
  "templates.manage",
  z.object({ wabaId: z.string().regex(/^\d{1,30}$/) }),
  refreshWorkspaceTemplates,
);
