import type { Metadata, Route } from "next";
import Link from "next/link";
import { NewConversationForm } from "@/components/inbox/new-conversation-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getContact, searchContacts } from "@/db/queries/contacts";
import { requireWorkspace } from "@/lib/auth/workspace";
import { phoneOf } from "@/lib/contacts/phone";
import { newConversationTemplates } from "@/lib/inbox/start-conversation";

export const metadata: Metadata = { title: "New conversation" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ contactId?: string | string[]; q?: string | string[] }>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/** Starts a conversation with a contact or a phone number through an approved template. */
export default async function NewConversationPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  const query = await searchParams;
  const contactId = one(query.contactId);
  const q = one(query.q).slice(0, 200);
  const contact = UUID.test(contactId)
    ? await getContact(ctx.db, { workspaceId: ctx.workspace.id, id: contactId })
    : null;
  const found =
    !contact && q
      ? await searchContacts(ctx.db, {
          workspaceId: ctx.workspace.id,
          q,
          limit: 8,
          offset: 0,
          now: new Date(),
        })
      : null;
  const templates =
    contact?.optedOut === true ? null : await newConversationTemplates(ctx, contact?.id ?? null);
  const label = (c: { name: string | null; waId: string | null; username: string | null }) =>
    c.name || phoneOf(c.waId) || (c.username && `@${c.username}`) || "Customer";

  return (
    <div className="h-full overflow-y-auto p-6" data-testid="new-conversation">
      <div className="max-w-2xl space-y-5">
        <div>
          <Link
            href={`/${slug}/inbox` as Route}
            className="text-sm text-zinc-600 hover:underline md:hidden"
          >
            ← Inbox
          </Link>
          <h1 className="text-xl font-semibold tracking-tight">New conversation</h1>
          <p className="mt-1 text-sm text-zinc-600">
            WhatsApp lets a business write first only with a template Meta has approved. Once the
            customer answers, you can write freely for 24 hours.
          </p>
        </div>

        <section className="space-y-2" aria-label="Recipient">
          <h2 className="text-sm font-semibold text-zinc-800">To</h2>
          {contact ? (
            <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-zinc-200 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium" data-testid="recipient-name">
                  {label(contact)}
                </p>
                <p className="text-xs text-zinc-500 tabular-nums">
                  {phoneOf(contact.waId) ?? "WhatsApp username only"}
                </p>
              </div>
              <Link
                href={`/${slug}/inbox/new` as Route}
                className="text-sm font-medium text-brand-700 hover:underline"
              >
                Choose someone else
              </Link>
            </div>
          ) : (
            <form method="get" className="flex gap-2" aria-label="Find a contact">
              <label htmlFor="q" className="sr-only">
                Search contacts
              </label>
              <input
                id="q"
                name="q"
                defaultValue={q}
                placeholder="Search contacts by name or phone"
                className="w-full rounded-lg border border-zinc-300 px-3 py-2 text-sm"
              />
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </form>
          )}
          {found && (
            <ul
              className="divide-y divide-zinc-100 rounded-lg border border-zinc-200"
              data-testid="contact-results"
            >
              {found.rows.length === 0 && (
                <li className="px-3 py-2 text-sm text-zinc-600">
                  No contact matches “{q}”. Type their phone number below instead.
                </li>
              )}
              {found.rows.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2 px-3 py-2">
                  <span className="min-w-0 truncate text-sm">
                    {label(c)}{" "}
                    <span className="text-xs text-zinc-500 tabular-nums">{phoneOf(c.waId)}</span>
                  </span>
                  {c.optedOut ? (
                    <span className="text-xs text-red-700">Sent STOP</span>
                  ) : (
                    <Link
                      href={`/${slug}/inbox/new?contactId=${c.id}` as Route}
                      className="text-sm font-medium text-brand-700 hover:underline"
                    >
                      Choose
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>

        {contact?.optedOut ? (
          <Notice tone="error" title="This customer cannot be messaged" testId="opted-out">
            They sent STOP and opted out of messages from the business, so Parley sends them
            nothing. They can be written to again once they send START.
          </Notice>
        ) : templates && !templates.ok ? (
          <Notice tone="warning" title="No template can be sent now">
            {templates.message}
          </Notice>
        ) : (
          templates && (
            <NewConversationForm
              slug={slug}
              contactId={contact?.id ?? null}
              templates={templates.templates}
              unsendable={templates.unsendable}
              number={templates.number}
            />
          )
        )}
      </div>
    </div>
  );
}
