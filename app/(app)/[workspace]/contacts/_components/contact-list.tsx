import type { Route } from "next";
import Link from "next/link";
import { describeWhen } from "@/lib/format/when";
import type { ContactListQuery } from "@/lib/validations/contact";
import { contactListHref } from "./list-href";
import { OptInBadge } from "./opt-in-badge";

export type ListedContact = {
  id: string;
  name: string | null;
  phone: string | null;
  username: string | null;
  tags: string[];
  optIn: "opted_in" | "opted_out" | null;
  optInSource: string | null;
  optedOut: boolean;
  lastMessageAt: Date | null;
  conversationId: string | null;
};

type Props = {
  slug: string;
  contacts: ListedContact[];
  total: number;
  filtered: boolean;
  page: number;
  pageSize: number;
  query: ContactListQuery;
  now: Date;
};

export function ContactList({
  slug,
  contacts,
  total,
  filtered,
  page,
  pageSize,
  query,
  now,
}: Props) {
  if (total === 0) {
    return (
      <p className="py-6 text-center text-sm text-zinc-600" data-testid="contact-empty">
        {filtered
          ? "No contact matches these filters."
          : "No contacts yet. They appear here when customers write to your number, or import a CSV file."}
      </p>
    );
  }
  const pages = Math.ceil(total / pageSize);
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600" data-testid="contact-count">
        {total} {total === 1 ? "contact" : "contacts"}
        {filtered && " match"}
      </p>
      {/* On a phone each contact is a block of its own rather than a row wider than the screen. */}
      <div className="overflow-x-auto">
        <table className="block w-full text-left text-sm sm:table" data-testid="contact-list">
          <thead className="hidden text-xs text-zinc-500 uppercase sm:table-header-group">
            <tr>
              <th className="py-2 pr-3">Name</th>
              <th className="py-2 pr-3">Phone / username</th>
              <th className="py-2 pr-3">Tags</th>
              <th className="py-2 pr-3">Marketing</th>
              <th className="py-2 pr-3">Last message</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody className="block divide-y divide-zinc-100 sm:table-row-group">
            {contacts.map((c) => (
              <tr
                key={c.id}
                data-testid="contact-row"
                data-phone={c.phone ?? ""}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 sm:table-row sm:py-0"
              >
                <td className="block w-full sm:table-cell sm:w-auto sm:py-2 sm:pr-3">
                  <Link
                    href={`/${slug}/contacts/${c.id}` as Route}
                    className="font-medium text-zinc-900 hover:underline"
                    data-testid="contact-open"
                  >
                    {c.name || <span className="text-zinc-500">No name</span>}
                  </Link>
                  {c.optedOut && (
                    <span className="ml-2 text-xs text-red-700" title="The customer sent STOP">
                      stopped the bot
                    </span>
                  )}
                </td>
                <td className="block text-zinc-700 tabular-nums sm:table-cell sm:py-2 sm:pr-3">
                  {c.phone ?? <span className="text-zinc-500">no phone shared</span>}
                  {c.username && <span className="block text-xs text-zinc-500">@{c.username}</span>}
                </td>
                <td className="block sm:table-cell sm:py-2 sm:pr-3">
                  <div className="flex flex-wrap gap-1">
                    {c.tags.map((t) => (
                      <Link
                        key={t}
                        href={contactListHref(slug, { ...query, tag: t, page: 1 })}
                        className="rounded-full bg-sky-50 px-2 py-0.5 text-xs text-sky-800 hover:bg-sky-100"
                        data-testid="contact-tag-chip"
                      >
                        {t}
                      </Link>
                    ))}
                  </div>
                </td>
                <td className="block sm:table-cell sm:py-2 sm:pr-3">
                  <OptInBadge state={c.optIn} source={c.optInSource} />
                </td>
                <td className="block text-zinc-600 sm:table-cell sm:py-2 sm:pr-3">
                  {c.lastMessageAt ? describeWhen(c.lastMessageAt, now) : "never"}
                </td>
                <td className="block text-right sm:table-cell sm:py-2">
                  {c.conversationId && (
                    <Link
                      href={`/${slug}/inbox/${c.conversationId}` as Route}
                      className="text-sm text-brand-700 hover:underline"
                    >
                      Conversation
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="Pages">
          {page > 1 && (
            <Link href={contactListHref(slug, { ...query, page: page - 1 })} className="underline">
              Previous
            </Link>
          )}
          <span className="text-zinc-600">
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={contactListHref(slug, { ...query, page: page + 1 })} className="underline">
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
