"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startConversationAction } from "@/app/(app)/[workspace]/inbox/actions";
import { Field, Input } from "@/components/ui/field";
import type { InboxTemplate } from "@/lib/whatsapp/templates";
import { TemplateComposer } from "./template-composer";

type Props = {
  slug: string;
  /** The contact chosen on the page; null: a phone number is typed here. */
  contactId: string | null;
  templates: InboxTemplate[];
  unsendable: number;
  /** The business number it is sent from, as shown. */
  number: string | null;
};

/** The template and its values, and the phone number when no contact was chosen; then sends. */
export function NewConversationForm({ slug, contactId, templates, unsendable, number }: Props) {
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const [sending, setSending] = useState(false);

  return (
    <div className="space-y-5">
      {!contactId && (
        <Field
          label="Or type a phone number"
          name="phone"
          hint="With its country code, such as +254 700 123456. A new contact is created for a number Parley does not know."
          error={fieldErrors.phone}
        >
          <Input
            name="phone"
            type="tel"
            autoComplete="off"
            value={phone}
            invalid={Boolean(fieldErrors.phone)}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+254 700 123456"
          />
        </Field>
      )}
      <section className="space-y-2" aria-label="Message">
        <h2 className="text-sm font-semibold text-zinc-800">Message</h2>
        {number && <p className="text-xs text-zinc-500">Sent from {number}.</p>}
        <TemplateComposer
          templates={templates}
          unsendable={unsendable}
          pending={pending || sending}
          error={error}
          fieldErrors={fieldErrors}
          submitLabel="Start conversation"
          blocked={!contactId && phone.trim() === "" ? "Type the customer's phone number." : null}
          onSend={async (choice) => {
            setSending(true);
            setError(null);
            setFieldErrors({});
            const result = await startConversationAction(slug, {
              clientId,
              ...(contactId ? { contactId } : { phone }),
              ...choice,
            });
            setSending(false);
            if (!result.ok) {
              setError(result.fieldErrors?.phone ? null : result.message);
              setFieldErrors(result.fieldErrors ?? {});
              return false;
            }
            setClientId(crypto.randomUUID());
            startTransition(() => {
              router.push(`/${slug}/inbox/${result.data.conversationId}` as Route);
              router.refresh();
            });
            return true;
          }}
        />
      </section>
    </div>
  );
}
