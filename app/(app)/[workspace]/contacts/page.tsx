import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { listContactTags, searchContacts } from "@/db/queries/contacts";
import { can } from "@/lib/auth/permissions";
import { requireWorkspace } from "@/lib/auth/workspace";
import { contactListQuerySchema } from "@/lib/validations/contact";
import { ContactFilters } from "./_components/contact-filters";
import { ContactList } from "./_components/contact-list";
import { ContactToolbar } from "./_components/contact-toolbar";

export const metadata: Metadata = { title: "Contacts" };

const PAGE_SIZE = 50;

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ContactsPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "conversations.work");
  const raw = await searchParams;
  const query = contactListQuerySchema.parse(raw);
  const workspaceId = ctx.workspace.id;
  const now = new Date();
  const [{ rows, total }, tags] = await Promise.all([
    searchContacts(ctx.db, {
      workspaceId,
      ...query,
      limit: PAGE_SIZE,
      offset: (query.page - 1) * PAGE_SIZE,
      now,
    }),
    listContactTags(ctx.db, workspaceId),
  ]);
  const filtered = Boolean(query.q || query.tag || query.optIn || query.last);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Contacts</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          Everyone who wrote to your numbers, and the customers you import. Tags and attributes help
          you find them; the marketing opt-in says who agreed to receive offers.
        </p>
      </div>
      {raw.erased === "1" && (
        <Notice tone="success" testId="contact-erased">
          The contact was erased, with all their messages.
        </Notice>
      )}
      <ContactToolbar slug={slug} canManage={can(ctx.role, "contacts.manage")} />
      <ContactFilters slug={slug} query={query} tags={tags} />
      <section className="rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-sm">
        <ContactList
          slug={slug}
          contacts={rows.map((c) => ({
            id: c.id,
            name: c.name,
            phone: c.waId ? `+${c.waId}` : null,
            username: c.username,
            tags: c.tags,
            optIn: c.marketingOptIn,
            optInSource: c.marketingOptInSource,
            optedOut: c.optedOut,
            lastMessageAt: c.lastMessageAt,
            conversationId: c.conversationId,
          }))}
          total={total}
          filtered={filtered}
          page={query.page}
          pageSize={PAGE_SIZE}
          query={query}
          now={now}
        />
      </section>
    </div>
  );
}
