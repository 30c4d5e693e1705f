import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getContact, listContactConversations } from "@/db/queries/contacts";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { describeWhen } from "@/lib/format/when";
import { attributesToText } from "@/lib/validations/contact";
import { ContactForm } from "../_components/contact-form";
import { EraseContact } from "../_components/erase-contact";
import { OptInBadge } from "../_components/opt-in-badge";

export const metadata: Metadata = { title: "Contact" };

type Props = { params: Promise<{ workspace: string; contactId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ContactPage({ params }: Props) {
  const { workspace: slug, contactId } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  if (!UUID.test(contactId)) notFound();
  const scope = { workspaceId: ctx.workspace.id, id: contactId };
  const [contact, conversations] = await Promise.all([
    getContact(ctx.db, scope),
    listContactConversations(ctx.db, scope),
  ]);
  if (!contact) notFound();
  const now = new Date();
  const phone = contact.waId ? `+${contact.waId}` : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${slug}/contacts` as Route} className="text-sm text-zinc-600 hover:underline">
          ← Contacts
        </Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold tracking-tight" data-testid="contact-title">
            {contact.name || phone || (contact.username && `@${contact.username}`) || "Customer"}
          </h1>
          {contact.optedOut ? (
            <p className="max-w-xs text-sm text-zinc-600" data-testid="cannot-message">
              Cannot be messaged: the customer sent STOP.
            </p>
          ) : (
            <Link
              href={`/${slug}/inbox/new?contactId=${contact.id}` as Route}
              className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Message
            </Link>
          )}
        </div>
        <dl className="mt-3 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-500">Phone</dt>
          <dd className="tabular-nums" data-testid="contact-phone">
            {phone ?? "Not shared: the customer uses a WhatsApp username"}
          </dd>
          {contact.username && (
            <>
              <dt className="text-zinc-500">Username</dt>
              <dd>@{contact.username}</dd>
            </>
          )}
          {contact.businessScopedUserId && (
            <>
              <dt className="text-zinc-500">WhatsApp user id</dt>
              <dd className="font-mono text-xs leading-5">{contact.businessScopedUserId}</dd>
            </>
          )}
          <dt className="text-zinc-500">Marketing</dt>
          <dd className="flex flex-wrap items-center gap-2" data-testid="contact-marketing">
            <OptInBadge state={contact.marketingOptIn} source={contact.marketingOptInSource} />
            {contact.marketingOptInAt && (
              <span className="text-zinc-600">
                {contact.marketingOptInSource === "whatsapp"
                  ? "set by the customer in WhatsApp"
                  : contact.marketingOptInSource && `source: ${contact.marketingOptInSource}`}
                {" · "}
                {describeWhen(contact.marketingOptInAt, now)}
              </span>
            )}
          </dd>
          {contact.optedOut && (
            <>
              <dt className="text-zinc-500">Bot</dt>
              <dd className="text-red-700">
                The customer sent STOP: the bot does not write to them.
              </dd>
            </>
          )}
        </dl>
      </div>

      <Card title="Conversations">
        {conversations.length === 0 ? (
          <p className="text-sm text-zinc-600">This customer has not written yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100" data-testid="contact-conversations">
            {conversations.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="truncate text-sm text-zinc-800">{c.lastMessagePreview ?? ""}</p>
                  <p className="text-xs text-zinc-500">
                    {c.channelNumber ? `On ${c.channelNumber} · ` : ""}
                    {describeWhen(c.lastMessageAt, now)} · {c.status}
                  </p>
                </div>
                <Link
                  href={`/${slug}/inbox/${c.id}` as Route}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  Open in the inbox
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Details">
        <ContactForm
          slug={slug}
          contact={{
            id: contact.id,
            name: contact.name ?? "",
            tags: contact.tags.join(", "),
            attributes: attributesToText(contact.attributes).replace(/; /g, "\n"),
            optIn: contact.marketingOptIn ?? "unknown",
            optInSource: contact.marketingOptInSource ?? "",
          }}
        />
      </Card>

      {can(ctx.role, "contacts.manage") && (
        <Card
          title="Erase this contact"
          description="For a data-protection request: deletes the customer's name, phone, tags and attributes, every message of their conversations (with media references) and the conversations themselves. The audit log records that it was done, without personal data. This cannot be undone."
        >
          <EraseContact slug={slug} id={contact.id} />
        </Card>
      )}
    </div>
  );
}
