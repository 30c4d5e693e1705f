"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { CannedReply } from "@/db/queries/inbox-tools";
import type { CannedValues } from "@/lib/inbox/canned-variables";
import type { ThreadView } from "@/lib/inbox/read-inbox";
import { ACCEPT_ATTRIBUTE, MAX_CAPTION, takesCaption } from "@/lib/media/outbound-media";
import { AiDraftTools } from "./ai-draft-tools";
import { AttachmentBar } from "./attachment-bar";
import { useCannedPicker } from "./canned-picker";
import { TemplatePicker } from "./template-picker";
import { useAiDraft } from "./use-ai-draft";
import { useAttachment } from "./use-attachment";
import { ActionRefused, type ConversationActions } from "./use-conversation-actions";
import { useShortcut } from "./use-shortcuts";
import { useWindowCountdown } from "./use-window-countdown";

const MAX_TEXT = 4096;

type Props = {
  slug: string;
  conversation: ThreadView["conversation"];
  serverNow: string;
  actions: ConversationActions;
  /** The team's latest reply, when WhatsApp did not deliver it. */
  undelivered: { id: string; text: string | null; type: string } | null;
  /** The workspace's canned replies, inserted by typing "/", and their variables' values. */
  cannedReplies: CannedReply[];
  values: CannedValues;
  /** Whether the workspace has an AI provider: the AI help shows under the reply box. */
  aiHelp: boolean;
};

/**
 * Replies and internal notes. Inside the customer's 24-hour window a reply is free text, with the
 * time left; outside it WhatsApp allows only approved templates, and the composer says so.
 */
export function Composer({
  slug,
  conversation: c,
  serverNow,
  actions,
  undelivered,
  cannedReplies,
  values,
  aiHelp,
}: Props) {
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const area = useRef<HTMLTextAreaElement>(null);
  const countdown = useWindowCountdown(c.windowClosesAt, serverNow);
  const canSend = c.channel.hasToken && c.channel.status !== "disconnected";
  // The server refused free text because the window had just closed: templates from now on.
  const refusedClosed =
    actions.sendText.error instanceof ActionRefused &&
    actions.sendText.error.code === "window_closed";
  const windowOpen = countdown.open && !refusedClosed;
  // A new message from the customer opens the window again.
  const resetText = actions.sendText.reset;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the window moves
  useEffect(() => resetText(), [c.windowClosesAt, resetText]);

  useShortcut("r", () => {
    setMode("reply");
    requestAnimationFrame(() => area.current?.focus());
  });
  const attachment = useAttachment(slug, c.id);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const canAttach = canSend && windowOpen;
  const captioned = attachment.picked && takesCaption(attachment.picked.kind);
  // Another file is another message: a resend of the last one must not stand for it.
  const pickFile = (file: File | undefined) => {
    setClientId(crypto.randomUUID());
    void attachment.pick(file);
  };
  useShortcut(
    "f",
    () => {
      setMode("reply");
      requestAnimationFrame(() => fileInput.current?.click());
    },
    canAttach,
  );
  useShortcut("n", () => {
    setMode("note");
    requestAnimationFrame(() => area.current?.focus());
  });

  const submit = () => {
    if (mode === "note") {
      if (!note.trim()) return;
      actions.addNote.mutate(note, { onSuccess: () => setNote("") });
      return;
    }
    if (attachment.picked) {
      const caption = captioned ? text : "";
      void attachment.send({ clientId, caption }).then((sent) => {
        if (!sent) return;
        // Audio goes without a caption: its text stays for a reply of its own.
        if (caption) setText("");
        setClientId(crypto.randomUUID());
      });
      return;
    }
    if (!text.trim()) return;
    actions.sendText.mutate(
      { clientId, text },
      {
        onSuccess: () => {
          setText("");
          setClientId(crypto.randomUUID());
        },
      },
    );
  };

  const pending = mode === "note" ? actions.addNote : actions.sendText;
  const [restored, setRestored] = useState<string | null>(null);
  const value = mode === "note" ? note : text;
  const [caret, setCaret] = useState(0);
  const setValue = (next: string) => {
    if (mode === "note") return setNote(next);
    setText(next);
    // Changed text is a new message: a resend of the old one must not stand for it.
    setClientId(crypto.randomUUID());
  };
  const aiOn = aiHelp && mode === "reply" && canSend && windowOpen;
  const ai = useAiDraft({
    slug,
    conversationId: c.id,
    draft: text,
    setDraft: (next) => {
      setText(next);
      setClientId(crypto.randomUUID());
      requestAnimationFrame(() => area.current?.focus());
    },
    enabled: aiOn,
  });
  const picker = useCannedPicker({
    replies: cannedReplies,
    values,
    text: value,
    caret,
    onInsert: (next, at) => {
      setValue(next);
      setCaret(at);
      requestAnimationFrame(() => area.current?.setSelectionRange(at, at));
    },
  });

  return (
    <Tabs
      value={mode}
      onValueChange={(next) => setMode(next as typeof mode)}
      className={cn(
        "gap-0 border-t border-zinc-200 px-4 py-3",
        mode === "note" ? "bg-amber-50/60" : "bg-white",
      )}
    >
      <div className="mb-2 flex items-center gap-1">
        <TabsList variant="pill" aria-label="Write">
          <TabsTrigger variant="pill" value="reply">
            Reply
          </TabsTrigger>
          <TabsTrigger variant="pill" value="note">
            Internal note
          </TabsTrigger>
        </TabsList>
        {mode === "reply" && windowOpen && (
          <span
            data-testid="window-countdown"
            className={cn(
              "ml-auto text-xs",
              countdown.urgent ? "font-medium text-amber-700" : "text-zinc-500",
            )}
            title="WhatsApp allows free-form replies for 24 hours after the customer's last message."
          >
            Reply window closes in {countdown.label}
          </span>
        )}
        {mode === "note" && (
          <span className="ml-auto text-xs text-amber-800">Only your team sees notes.</span>
        )}
      </div>

      <TabsContent value={mode}>
        {mode === "reply" && undelivered && restored !== undelivered.id && (
          <div
            role="status"
            className="mb-2 flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            <span>Your last reply was not delivered; the reason is shown on it above.</span>
            {undelivered.type === "text" && undelivered.text && windowOpen && canSend && (
              <button
                type="button"
                onClick={() => {
                  setText(undelivered.text ?? "");
                  setClientId(crypto.randomUUID());
                  setRestored(undelivered.id);
                  requestAnimationFrame(() => area.current?.focus());
                }}
                className="rounded-md border border-red-300 bg-white px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-100"
              >
                Put it back in the reply box
              </button>
            )}
          </div>
        )}

        {mode === "reply" && !canSend && (
          <p role="status" className="text-sm text-red-700">
            This WhatsApp number is disconnected, so replies cannot be sent. An owner or admin can
            reconnect it on the WhatsApp page.
          </p>
        )}

        {mode === "reply" && canSend && !windowOpen && (
          <div className="space-y-3" data-testid="window-closed">
            <p className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
              <span className="font-semibold">The 24-hour reply window is closed.</span>{" "}
              {c.lastInboundAt
                ? "The customer last wrote more than 24 hours ago, so WhatsApp only allows an approved template until they write again."
                : "The customer has not written yet, so WhatsApp only allows an approved template."}
            </p>
            <TemplatePicker slug={slug} conversationId={c.id} actions={actions} />
          </div>
        )}

        {(mode === "note" || (canSend && windowOpen)) && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
            onDragOver={(e) => {
              if (mode !== "reply" || !e.dataTransfer.types.includes("Files")) return;
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={(e) => {
              if (mode !== "reply") return;
              e.preventDefault();
              setDragging(false);
              pickFile(e.dataTransfer.files[0]);
            }}
            className={cn(
              "relative space-y-2",
              dragging && "rounded-lg outline-2 outline-offset-4 outline-sky-500 outline-dashed",
            )}
            data-testid="composer"
          >
            {aiOn && <AiDraftTools ai={ai} hasDraft={text.trim() !== ""} />}
            {dragging && (
              <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-lg bg-sky-50/90 text-sm font-medium text-sky-800">
                Drop the file to attach it
              </p>
            )}
            {mode === "reply" && <AttachmentBar attachment={attachment} hasText={!!text.trim()} />}
            {picker.list}
            <label htmlFor="composer-text" className="sr-only">
              {mode === "note" ? "Internal note" : "Reply to the customer"}
            </label>
            <textarea
              id="composer-text"
              ref={area}
              rows={3}
              value={value}
              maxLength={mode === "note" ? 2000 : captioned ? MAX_CAPTION : MAX_TEXT}
              {...picker.inputProps}
              onChange={(e) => {
                setValue(e.target.value);
                if (mode === "reply") ai.edited();
                setCaret(e.target.selectionStart);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => {
                if (picker.onKeyDown(e)) {
                  e.preventDefault();
                  return;
                }
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                  e.preventDefault();
                  submit();
                }
                if (e.key === "Escape") e.currentTarget.blur();
              }}
              placeholder={
                mode === "note"
                  ? "Write a note for your team…"
                  : captioned
                    ? "Add a caption (optional)…"
                    : c.status === "human"
                      ? `Write a reply…  (*bold*, _italic_${cannedReplies.length > 0 ? ", / for canned replies" : ""})`
                      : `Write a reply… Sending takes over from the bot.${cannedReplies.length > 0 ? " Type / for canned replies." : ""}`
              }
              className="w-full resize-y rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm"
            />
            {pending.error && (
              <p role="alert" className="text-sm text-red-700">
                {pending.error.message}
              </p>
            )}
            <div className="flex items-center gap-3">
              <Button
                type="submit"
                disabled={
                  (!value.trim() && !(mode === "reply" && attachment.picked)) ||
                  pending.isPending ||
                  attachment.busy
                }
              >
                {pending.isPending || attachment.busy
                  ? "Sending…"
                  : mode === "note"
                    ? "Add note"
                    : attachment.picked
                      ? "Send file"
                      : "Send"}
              </Button>
              {mode === "reply" && (
                <>
                  <input
                    ref={fileInput}
                    type="file"
                    accept={ACCEPT_ATTRIBUTE}
                    className="sr-only"
                    tabIndex={-1}
                    aria-hidden="true"
                    data-testid="attach-input"
                    onChange={(e) => {
                      pickFile(e.target.files?.[0]);
                      e.target.value = "";
                    }}
                  />
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={attachment.busy}
                    onClick={() => fileInput.current?.click()}
                    aria-keyshortcuts="f"
                    title="Attach a photo, document, audio or video (f), or drop a file here"
                  >
                    <svg
                      viewBox="0 0 16 16"
                      className="mr-1.5 inline h-4 w-4"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth={1.5}
                      strokeLinecap="round"
                      aria-hidden="true"
                    >
                      <path d="M13 7.5 8 12.5a3.2 3.2 0 0 1-4.5-4.5l5.5-5.5a2.1 2.1 0 0 1 3 3L6.5 11a1 1 0 0 1-1.5-1.5L10 4.5" />
                    </svg>
                    Attach
                  </Button>
                </>
              )}
              <span className="hidden text-xs text-zinc-500 md:inline">Ctrl/⌘ + Enter</span>
              {mode === "reply" && (
                <span className="ml-auto text-xs text-zinc-400 tabular-nums">
                  {text.length}/{captioned ? MAX_CAPTION : MAX_TEXT}
                </span>
              )}
            </div>
          </form>
        )}
      </TabsContent>
    </Tabs>
  );
}
