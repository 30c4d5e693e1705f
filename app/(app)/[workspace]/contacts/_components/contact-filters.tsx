import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { ContactListQuery } from "@/lib/validations/contact";
import { contactListHref } from "./list-href";

type Props = { slug: string; query: ContactListQuery; tags: string[] };

const select =
  "rounded-lg border border-zinc-300 bg-white px-2 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600";

/** Search and filters live in the address (a plain form), so a result can be shared. */
export function ContactFilters({ slug, query, tags }: Props) {
  return (
    <form
      method="get"
      action={`/${slug}/contacts`}
      className="flex flex-wrap items-end gap-2"
      data-testid="contact-filters"
    >
      <input
        type="search"
        name="q"
        defaultValue={query.q}
        aria-label="Search by name, username or phone"
        placeholder="Name, username or phone…"
        className="w-64 max-w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600"
        data-testid="contact-search"
      />
      <label className="flex items-center gap-1.5 text-sm text-zinc-600">
        Tag
        <select name="tag" defaultValue={query.tag} className={select} data-testid="contact-tag">
          <option value="">Any</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm text-zinc-600">
        Marketing
        <select
          name="optIn"
          defaultValue={query.optIn ?? ""}
          className={select}
          data-testid="contact-opt-in"
        >
          <option value="">Any</option>
          <option value="opted_in">Opted in</option>
          <option value="opted_out">Opted out</option>
          <option value="unknown">Not asked</option>
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm text-zinc-600">
        Last message
        <select
          name="last"
          defaultValue={query.last ?? ""}
          className={select}
          data-testid="contact-last"
        >
          <option value="">Any time</option>
          <option value="week">In the last 7 days</option>
          <option value="month">In the last 30 days</option>
          <option value="older">More than 30 days ago</option>
          <option value="never">Never wrote</option>
        </select>
      </label>
      <Button type="submit" variant="secondary" data-testid="contact-filter-apply">
        Apply
      </Button>
      {(query.q || query.tag || query.optIn || query.last) && (
        <Link
          href={contactListHref(slug, {})}
          className="px-2 py-2 text-sm text-zinc-600 underline"
        >
          Clear
        </Link>
      )}
    </form>
  );
}
