"use server";

import { workspaceAction } from "@/lib/auth/workspace";
import { refreshSummary, rewrite, suggest } from "@/lib/inbox/agent-help-actions";
import { bulkAct, labelConversation, prioritize, snooze } from "@/lib/inbox/inbox-tools";
import { queueTemplateReply, queueTextReply } from "@/lib/inbox/queue-reply";
import { startConversation } from "@/lib/inbox/start-conversation";
import {
  addNote,
  assignConversation,
  closeConversation,
  handBack,
  markRead,
  reopenConversation,
  takeOver,
} from "@/lib/inbox/work-conversation";
import {
  assignInput,
  conversationRef,
  noteInput,
  rewriteDraftInput,
  startConversationInput,
  templateReplyInput,
  textReplyInput,
} from "@/lib/validations/inbox";
import {
  bulkInput,
  labelConversationInput,
  priorityInput,
  snoozeInput,
} from "@/lib/validations/inbox-tools";

const work = "conversations.work";

export const takeOverAction = workspaceAction(work, conversationRef, takeOver);
export const handBackAction = workspaceAction(work, conversationRef, handBack);
export const closeAction = workspaceAction(work, conversationRef, closeConversation);
export const reopenAction = workspaceAction(work, conversationRef, reopenConversation);
export const assignAction = workspaceAction(work, assignInput, assignConversation);
export const markReadAction = workspaceAction(work, conversationRef, markRead);
export const addNoteAction = workspaceAction(work, noteInput, addNote);
export const sendTextAction = workspaceAction(work, textReplyInput, queueTextReply);
export const sendTemplateAction = workspaceAction(work, templateReplyInput, queueTemplateReply);

export const labelAction = workspaceAction(work, labelConversationInput, labelConversation);
export const priorityAction = workspaceAction(work, priorityInput, prioritize);
export const snoozeAction = workspaceAction(work, snoozeInput, snooze);
export const bulkAction = workspaceAction(work, bulkInput, bulkAct);
export const startConversationAction = workspaceAction(
  work,
  startConversationInput,
  startConversation,
);

export const suggestReplyAction = workspaceAction(work, conversationRef, suggest);
export const rewriteDraftAction = workspaceAction(work, rewriteDraftInput, rewrite);
export const refreshSummaryAction = workspaceAction(work, conversationRef, refreshSummary);
