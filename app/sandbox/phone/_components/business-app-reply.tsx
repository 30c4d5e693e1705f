"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { postJson } from "./post-json";

/**
 * The owner's phone for a number shared with the WhatsApp Business app: what they write here
 * reaches the customer, and Parley hears of it as an `smb_message_echoes` webhook.
 */
export function BusinessAppReply({
  phoneNumberId,
  customer,
  disabled,
  onSent,
}: {
  phoneNumberId: string;
  customer: string;
  disabled: boolean;
  onSent: () => void;
}) {
  const [draft, setDraft] = useState("");
  const send = useMutation({
    mutationFn: (text: string) =>
      postJson<{ wamid: string }>("/sandbox/api/phone/business-app", {
        phoneNumberId,
        customer,
        text,
      }),
    onSuccess: () => {
      setDraft("");
      onSent();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (text) send.mutate(text);
  }

  return (
    <section
      aria-label="Owner's WhatsApp Business app"
      className="space-y-3 rounded-xl border border-emerald-200 bg-emerald-50 p-5 shadow-sm"
    >
      <h2 className="text-sm font-semibold text-emerald-900">Owner's WhatsApp Business app</h2>
      <p className="text-xs leading-relaxed text-emerald-900/80">
        This number is also in the WhatsApp Business app on the owner's phone. Reply to this
        customer from there: the bot stops in this chat, as when someone takes it over in the inbox.
      </p>
      <form onSubmit={submit} className="space-y-2">
        <label className="block text-sm font-medium text-zinc-700">
          Reply from the Business app
          <input
            className="mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            disabled={disabled}
          />
        </label>
        <button
          type="submit"
          disabled={disabled || send.isPending || !draft.trim()}
          className="rounded-lg bg-emerald-700 px-3 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          Send from the Business app
        </button>
        {send.error && (
          <p role="alert" className="text-xs text-red-700">
            {send.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
