"use client";

import { useEffect, useRef } from "react";

/** True while the user types in a field, when single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}

const OPEN_DIALOG = '[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]';

/**
 * A single-key shortcut for the inbox (no modifier), ignored while typing; `enabled` turns it
 * off when its action does not apply.
 */
export function useShortcut(key: string, action: () => void, enabled = true) {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== key || e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.isComposing) return;
      // Not while typing, nor behind an open dialog.
      if (isTyping(e.target) || document.querySelector(OPEN_DIALOG)) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [key, enabled]);
}

export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: "j / k", does: "Next / previous conversation" },
  { keys: "/", does: "Search" },
  { keys: "r", does: "Write a reply" },
  { keys: "n", does: "Write an internal note" },
  { keys: "f", does: "Attach a file to the reply" },
  { keys: "t", does: "Take over from the bot" },
  { keys: "b", does: "Hand back to the bot" },
  { keys: "a", does: "Assign to me" },
  { keys: "e", does: "Close the conversation" },
  { keys: "o", does: "Reopen the conversation" },
  { keys: "u", does: "Mark read" },
  { keys: "Ctrl/⌘ + Enter", does: "Send the reply or note" },
  { keys: "Esc", does: "Leave the text field" },
  { keys: "?", does: "Show these shortcuts" },
];

/**
 * An Alt (Option) + letter shortcut, which works while typing too: the AI help acts on the draft
 * being written. `code` is the physical key ("KeyS"), as Option changes the character on a Mac.
 */
export function useAltShortcut(code: string, action: () => void, enabled = true) {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== code || !e.altKey || e.ctrlKey || e.metaKey || e.repeat || e.isComposing)
        return;
      if (document.querySelector(OPEN_DIALOG)) return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [code, enabled]);
}

/** The AI help's shortcuts, listed with the others when the workspace has an AI provider. */
export const AI_SHORTCUTS: { keys: string; does: string }[] = [
  { keys: "Alt + S", does: "Suggest a reply with AI" },
  { keys: "Alt + T", does: "Translate the draft to the customer's language" },
  { keys: "Alt + W", does: "Make the draft friendlier" },
  { keys: "Alt + Z", does: "Undo the AI's change to the draft" },
];
