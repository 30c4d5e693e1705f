"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ShownProduct } from "@/lib/sandbox/phone-catalog";
import { BusinessAppReply } from "./business-app-reply";
import { chatTime } from "./chat-time";
import { CameraIcon, ClipIcon, PinIcon } from "./icons";
import { type Choice, describeMessage } from "./message-content";
import { PhoneMedia } from "./phone-media";
import { postJson } from "./post-json";
import { ProductMessage } from "./product-message";
import { SkipTime } from "./skip-time";
import { Ticks } from "./ticks";
import { VoiceRecorder } from "./voice-recorder";

type SandboxNumber = {
  phoneNumberId: string;
  displayPhoneNumber: string | null;
  workspaceName: string;
  status: string;
  coexistence: boolean;
};
type ThreadMessage = {
  wamid: string;
  direction: "to_customer" | "from_customer";
  type: string;
  body: Record<string, unknown>;
  status: "sent" | "delivered" | "read" | "failed";
  errorCode: number | null;
  createdAt: string;
};

const REACTIONS = ["👍", "❤️", "😂"];

export function SandboxPhone({ numbers }: { numbers: SandboxNumber[] }) {
  const [phoneNumberId, setPhoneNumberId] = useState(numbers[0]?.phoneNumberId ?? "");
  const [customer, setCustomer] = useState("254712345678");
  const [name, setName] = useState("Amina");
  const [draft, setDraft] = useState("");
  const queryClient = useQueryClient();
  const key = ["sandbox-thread", phoneNumberId, customer];
  const validCustomer = /^\d{7,15}$/.test(customer);

  const thread = useQuery({
    queryKey: key,
    enabled: validCustomer && phoneNumberId !== "",
    refetchInterval: 1000,
    staleTime: 0,
    queryFn: async () => {
      const res = await fetch(
        `/sandbox/api/phone/thread?phoneNumberId=${phoneNumberId}&customer=${customer}`,
      );
      return (await res.json()) as {
        messages: ThreadMessage[];
        products?: Record<string, Record<string, ShownProduct>>;
      };
    },
  });

  const send = useMutation({
    mutationFn: (message: Record<string, unknown>) =>
      postJson<{ wamid: string }>("/sandbox/api/phone/send", {
        phoneNumberId,
        customer,
        name,
        ...message,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  // The customer is looking at the chat: whatever the business sent is now read.
  const unread = (thread.data?.messages ?? []).filter(
    (m) => m.direction === "to_customer" && (m.status === "sent" || m.status === "delivered"),
  ).length;
  const markRead = useMutation({
    mutationFn: () => postJson("/sandbox/api/phone/read", { phoneNumberId, customer }),
  });
  const { mutate: markReadNow, isPending: marking } = markRead;
  useEffect(() => {
    if (unread > 0 && !marking) markReadNow();
  }, [unread, marking, markReadNow]);

  const bottom = useRef<HTMLDivElement>(null);
  const count = thread.data?.messages.length ?? 0;
  useEffect(() => {
    if (count > 0) bottom.current?.scrollIntoView({ block: "end" });
  }, [count]);

  const fileInput = useRef<HTMLInputElement>(null);
  const documentInput = useRef<HTMLInputElement>(null);
  // Files are uploaded first, as Meta keeps media, then sent by their media id: photos, documents,
  // audio files, and voice notes recorded here (`voice`).
  const attach = useMutation({
    mutationFn: async (a: {
      file: File;
      kind: "image" | "document" | "audio";
      voice?: boolean;
    }) => {
      const form = new FormData();
      form.set("file", a.file);
      form.set("kind", a.kind);
      form.set("phoneNumberId", phoneNumberId);
      const res = await fetch("/sandbox/api/phone/media", { method: "POST", body: form });
      const json = (await res.json()) as {
        mediaId: string;
        mimeType: string;
        sha256: string;
        error?: { message: string };
      };
      if (!res.ok) throw new Error(json.error?.message ?? "The file could not be attached.");
      return { ...json, ...a };
    },
    onSuccess: (media) =>
      send.mutate({
        kind: media.kind,
        mediaId: media.mediaId,
        mimeType: media.mimeType,
        sha256: media.sha256,
        ...(media.kind === "document" && { filename: media.file.name }),
        ...(media.kind === "audio" && { voice: media.voice ?? false }),
      }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    send.mutate({ kind: "text", text }, { onSuccess: () => setDraft("") });
  }

  const choose = (messageId: string, choice: Choice) =>
    send.mutate({
      kind: choice.kind,
      messageId,
      id: choice.id,
      title: choice.title,
      description: choice.description,
    });

  const business = numbers.find((n) => n.phoneNumberId === phoneNumberId);

  return (
    <div className="mt-8 grid gap-8 md:grid-cols-[18rem_1fr]">
      <div className="space-y-4 self-start">
        <section
          aria-label="Who is chatting"
          className="space-y-5 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
        >
          <label className="block text-sm font-medium text-zinc-700">
            Business number
            <select
              className="mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm"
              value={phoneNumberId}
              onChange={(e) => setPhoneNumberId(e.target.value)}
            >
              {numbers.map((n) => (
                <option key={n.phoneNumberId} value={n.phoneNumberId}>
                  {n.workspaceName} · {n.displayPhoneNumber ?? n.phoneNumberId}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium text-zinc-700">
            Your phone number
            <input
              className="mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 font-mono text-sm"
              value={customer}
              inputMode="numeric"
              onChange={(e) => setCustomer(e.target.value.replace(/[^\d]/g, ""))}
            />
            {!validCustomer && (
              <span className="mt-1 block text-xs text-red-600">
                Digits with the country code, e.g. 254712345678
              </span>
            )}
          </label>
          <label className="block text-sm font-medium text-zinc-700">
            Your name
            <input
              className="mt-1 block w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <p className="text-xs leading-relaxed text-zinc-500">
            Each phone number is a separate customer. Change it to start a new conversation.
          </p>
        </section>
        <SkipTime
          key={`${phoneNumberId}:${customer}`}
          phoneNumberId={phoneNumberId}
          customer={customer}
          disabled={!validCustomer || phoneNumberId === ""}
          onSkipped={() => queryClient.invalidateQueries({ queryKey: key })}
        />
        {business?.coexistence && (
          <BusinessAppReply
            phoneNumberId={phoneNumberId}
            customer={customer}
            disabled={!validCustomer}
            onSent={() => queryClient.invalidateQueries({ queryKey: key })}
          />
        )}
      </div>

      <section
        aria-label="Chat"
        className="mx-auto flex h-[36rem] w-full max-w-md flex-col overflow-hidden rounded-[2rem] border-8 border-zinc-900 bg-[#efeae2] shadow-xl"
      >
        <header className="bg-brand-700 px-4 py-3 text-white">
          <div className="font-semibold">{business?.workspaceName ?? "Business"}</div>
          <div className="text-xs opacity-80">{business?.displayPhoneNumber ?? phoneNumberId}</div>
        </header>
        <ol className="flex-1 space-y-2 overflow-y-auto px-3 py-4" data-testid="thread">
          {count === 0 && (
            <li className="mt-10 text-center text-sm text-zinc-500">
              Say hello to start the conversation.
            </li>
          )}
          {(thread.data?.messages ?? []).map((m) => {
            const mine = m.direction === "from_customer";
            const shown = describeMessage(m.type, m.body);
            return (
              <li
                key={m.wamid}
                className={`flex ${mine ? "justify-end" : "justify-start"}`}
                data-direction={m.direction}
              >
                <div
                  className={`group max-w-[80%] rounded-lg px-3 py-2 text-sm shadow-sm ${mine ? "bg-[#d9fdd3]" : "bg-white"}`}
                >
                  {shown.media && <PhoneMedia phoneNumberId={phoneNumberId} media={shown.media} />}
                  <p className="whitespace-pre-wrap break-words">{shown.text}</p>
                  {shown.caption && <p className="mt-1 text-zinc-600">{shown.caption}</p>}
                  {shown.products && (
                    <ProductMessage
                      body={m.body}
                      products={thread.data?.products ?? {}}
                      disabled={send.isPending}
                      onOrder={(order) => send.mutate({ kind: "order", ...order })}
                    />
                  )}
                  {shown.choices.length > 0 && (
                    <div className="mt-2 flex flex-col gap-1 border-t border-zinc-100 pt-2">
                      {shown.choices.map((c) => (
                        <button
                          key={c.id}
                          type="button"
                          onClick={() => choose(m.wamid, c)}
                          className="rounded-md px-2 py-1 text-left text-sky-700 hover:bg-sky-50"
                        >
                          {c.title}
                          {c.description && (
                            <span className="block text-xs text-zinc-500">{c.description}</span>
                          )}
                        </button>
                      ))}
                    </div>
                  )}
                  <div className="mt-1 flex items-center justify-end gap-2 text-[11px] text-zinc-500">
                    {!mine && (
                      <span className="hidden gap-1 group-focus-within:flex group-hover:flex">
                        {REACTIONS.map((emoji) => (
                          <button
                            key={emoji}
                            type="button"
                            aria-label={`React ${emoji}`}
                            onClick={() =>
                              send.mutate({ kind: "reaction", messageId: m.wamid, emoji })
                            }
                          >
                            {emoji}
                          </button>
                        ))}
                      </span>
                    )}
                    <time dateTime={m.createdAt}>{chatTime(new Date(m.createdAt))}</time>
                    <Ticks status={m.status} />
                  </div>
                </div>
              </li>
            );
          })}
          <div ref={bottom} />
        </ol>
        {(send.error ?? attach.error) && (
          <p role="alert" className="bg-red-50 px-4 py-2 text-xs text-red-700">
            {(send.error ?? attach.error)?.message}
          </p>
        )}
        <form onSubmit={submit} className="relative flex items-center gap-1 bg-zinc-100 px-2 py-2">
          <button
            type="button"
            aria-label="Share location"
            title="Share location"
            className="rounded-full p-2 text-zinc-600 hover:bg-zinc-200"
            onClick={() =>
              send.mutate({
                kind: "location",
                latitude: -1.2864,
                longitude: 36.8172,
                label: "Kenyatta Avenue, Nairobi",
              })
            }
          >
            <PinIcon />
          </button>
          <button
            type="button"
            aria-label="Send a photo"
            title="Send a photo"
            className="rounded-full p-2 text-zinc-600 hover:bg-zinc-200"
            onClick={() => fileInput.current?.click()}
          >
            <CameraIcon />
          </button>
          <input
            ref={fileInput}
            type="file"
            data-testid="photo-input"
            accept="image/jpeg,image/png"
            className="hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) attach.mutate({ file, kind: "image" });
              e.target.value = "";
            }}
          />
          <button
            type="button"
            aria-label="Send a document or audio file"
            title="Send a document or audio file"
            className="rounded-full p-2 text-zinc-600 hover:bg-zinc-200"
            onClick={() => documentInput.current?.click()}
          >
            <ClipIcon />
          </button>
          <input
            ref={documentInput}
            type="file"
            data-testid="document-input"
            accept=".pdf,.docx,.txt,.md,application/pdf,text/plain,audio/*"
            className="hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file)
                attach.mutate({
                  file,
                  kind: file.type.startsWith("audio/") ? "audio" : "document",
                });
              e.target.value = "";
            }}
          />
          <VoiceRecorder
            disabled={!validCustomer || phoneNumberId === ""}
            onRecorded={(file) => attach.mutate({ file, kind: "audio", voice: true })}
          />
          <input
            aria-label="Message"
            className="min-w-0 flex-1 rounded-full border border-zinc-300 bg-white px-4 py-2 text-sm"
            placeholder="Message"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!validCustomer}
          />
          <button
            type="submit"
            disabled={send.isPending || !draft.trim() || !validCustomer}
            className="shrink-0 rounded-full bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          >
            Send
          </button>
        </form>
      </section>
    </div>
  );
}
