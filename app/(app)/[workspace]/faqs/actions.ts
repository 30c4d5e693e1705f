"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { importWorkspaceFaqs, previewFaqImport } from "@/lib/faqs/import-faqs";
import {
  createWorkspaceFaq,
  deleteWorkspaceFaq,
  setWorkspaceFaqActive,
  updateWorkspaceFaq,
} from "@/lib/faqs/manage-faqs";
import {
  createFaqSchema,
  faqIdSchema,
  setFaqActiveSchema,
  updateFaqSchema,
} from "@/lib/validations/faq";
import { faqImportSchema } from "@/lib/validations/faq-import";

export const createFaqAction = workspaceAction("bot.manage", createFaqSchema, createWorkspaceFaq);

export const updateFaqAction = workspaceAction("bot.manage", updateFaqSchema, updateWorkspaceFaq);

export const deleteFaqAction = workspaceAction("bot.manage", faqIdSchema, deleteWorkspaceFaq);

export const setFaqActiveAction = workspaceAction(
  "bot.manage",
  setFaqActiveSchema,
  setWorkspaceFaqActive,
);

export const previewFaqImportAction = workspaceAction(
  "bot.manage",
  faqImportSchema,
  previewFaqImport,
);

export const importFaqsAction = workspaceAction("bot.manage", faqImportSchema, importWorkspaceFaqs);
