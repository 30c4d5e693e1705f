"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { addWorkspaceFaqExamples } from "@/lib/faqs/manage-faqs";
import { addFaqExamplesSchema } from "@/lib/validations/faq";

/** "Add to <entry>": a group of unanswered questions becomes other wordings of an FAQ entry. */
export const addFaqExamplesAction = workspaceAction(
  "bot.manage",
  addFaqExamplesSchema,
  addWorkspaceFaqExamples,
);
