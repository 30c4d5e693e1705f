"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { rewriteDraftAction, suggestReplyAction } from "@/app/(app)/[workspace]/inbox/actions";
import { ActionRefused, unwrap } from "./use-conversation-actions";
import { useAltShortcut } from "./use-shortcuts";

export type AiDraftAction = "suggest" | "translate" | "friendlier";

const DONE: Record<AiDraftAction, (language: string | null) => string> = {
  suggest: () => "AI suggested this reply. Check it before sending.",
  translate: (language) => `Translated to ${language ?? "the customer's language"}.`,
  friendlier: () => "Made friendlier.",
};

/**
 * The AI's help with the reply being written: a suggested reply, or the draft translated or made
 * friendlier. Each replaces the draft (never sends it) and can be undone; a failure leaves the
 * draft as it was and says why.
 */
export function useAiDraft(p: {
  slug: string;
  conversationId: string;
  draft: string;
  setDraft: (text: string) => void;
  /** False while the composer shows no reply box (a note, a closed window). */
  enabled: boolean;
}) {
  const [undo, setUndo] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async ({ what, draft }: { what: AiDraftAction; draft: string }) => {
      const ref = { conversationId: p.conversationId };
      if (what === "suggest") {
        const { text } = await unwrap(suggestReplyAction(p.slug, ref));
        return { text, language: null, draft };
      }
      const result = await unwrap(rewriteDraftAction(p.slug, { ...ref, how: what, draft }));
      return { ...result, draft };
    },
    onMutate: () => setDone(null),
    onSuccess: ({ text, language, draft }, { what }) => {
      setUndo(draft);
      p.setDraft(text);
      setDone(DONE[what](language));
    },
  });
  const start = (what: AiDraftAction) => {
    if (run.isPending) return;
    if (what !== "suggest" && !p.draft.trim()) {
      run.reset();
      setDone("Write a draft first, then ask the AI to rewrite it.");
      return;
    }
    run.mutate({ what, draft: p.draft });
  };
  const revert = () => {
    if (undo === null) return;
    p.setDraft(undo);
    setUndo(null);
    setDone("Your draft is back as it was.");
  };
  useAltShortcut("KeyS", () => start("suggest"), p.enabled);
  useAltShortcut("KeyT", () => start("translate"), p.enabled);
  useAltShortcut("KeyW", () => start("friendlier"), p.enabled);
  useAltShortcut("KeyZ", revert, p.enabled && undo !== null);
  return {
    start,
    revert,
    canUndo: undo !== null,
    pending: run.isPending ? run.variables?.what : undefined,
    error:
      run.error instanceof ActionRefused
        ? run.error.message
        : run.error
          ? "The AI help could not be reached. Your draft is unchanged; try again in a moment."
          : null,
    done,
    /** The agent typed: the undo would now throw their edits away, so it is dropped. */
    edited: () => {
      setUndo(null);
      setDone(null);
    },
  };
}

export type AiDraft = ReturnType<typeof useAiDraft>;
