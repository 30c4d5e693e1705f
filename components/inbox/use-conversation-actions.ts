"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  addNoteAction,
  assignAction,
  closeAction,
  handBackAction,
  labelAction,
  markReadAction,
  priorityAction,
  reopenAction,
  sendTemplateAction,
  sendTextAction,
  snoozeAction,
  takeOverAction,
} from "@/app/(app)/[workspace]/inbox/actions";
import type { ActionResult } from "@/lib/auth/workspace";
import type { Priority } from "@/lib/inbox/priorities";
import { inboxKeys } from "./inbox-client";

/** A refused action, with its message and the fields it names. */
export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ActionRefused(r.message, r.code, r.fieldErrors);
  return r.data;
}

/**
 * The inbox's actions on one conversation. Each refreshes the list and the thread at once, so
 * the agent sees the result without waiting for the next poll.
 */
export function useConversationActions(slug: string, conversationId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  const ref = { conversationId };
  const takeOver = useMutation({
    mutationFn: () => unwrap(takeOverAction(slug, ref)),
    onSettled: refresh,
  });
  const handBack = useMutation({
    mutationFn: () => unwrap(handBackAction(slug, ref)),
    onSettled: refresh,
  });
  const close = useMutation({
    mutationFn: () => unwrap(closeAction(slug, ref)),
    onSettled: refresh,
  });
  const reopen = useMutation({
    mutationFn: () => unwrap(reopenAction(slug, ref)),
    onSettled: refresh,
  });
  const markRead = useMutation({
    mutationFn: () => unwrap(markReadAction(slug, ref)),
    onSettled: refresh,
  });
  return {
    takeOver,
    handBack,
    close,
    reopen,
    markRead,
    assign: useMutation({
      mutationFn: (assigneeId: string | null) => unwrap(assignAction(slug, { ...ref, assigneeId })),
      onSettled: refresh,
    }),
    label: useMutation({
      mutationFn: (m: { labelId: string; on: boolean }) =>
        unwrap(labelAction(slug, { ...ref, ...m })),
      onSettled: refresh,
    }),
    prioritize: useMutation({
      mutationFn: (priority: Priority) => unwrap(priorityAction(slug, { ...ref, priority })),
      onSettled: refresh,
    }),
    snooze: useMutation({
      mutationFn: (until: Date | null) =>
        unwrap(snoozeAction(slug, { ...ref, until: until ? until.toISOString() : null })),
      onSettled: refresh,
    }),
    addNote: useMutation({
      mutationFn: (body: string) => unwrap(addNoteAction(slug, { ...ref, body })),
      onSettled: refresh,
    }),
    sendText: useMutation({
      mutationFn: (m: { clientId: string; text: string }) =>
        unwrap(sendTextAction(slug, { ...ref, ...m })),
      onSettled: refresh,
    }),
    sendTemplate: useMutation({
      mutationFn: (m: {
        clientId: string;
        name: string;
        language: string;
        values: Record<string, string>;
      }) => unwrap(sendTemplateAction(slug, { ...ref, ...m })),
      onSettled: refresh,
    }),
  };
}

export type ConversationActions = ReturnType<typeof useConversationActions>;
