import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { requireWorkspace } from "@/lib/auth/workspace";
import { readTemplatesPage } from "@/lib/templates/read-page";
import { TemplatesManager } from "./_components/templates-manager";

export const metadata: Metadata = { title: "Templates" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function TemplatesPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const ctx = await requireWorkspace(slug, "templates.manage");
  const { waba } = await searchParams;
  const page = await readTemplatesPage(ctx, typeof waba === "string" ? waba : undefined);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Templates</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-600">
          Message templates are the only messages WhatsApp lets a business send first, or more than
          24 hours after the customer last wrote. WhatsApp reviews each one before it can be sent,
          usually within minutes; its decision shows here as soon as it arrives.
        </p>
      </div>
      {!page.wabaId ? (
        <Notice tone="warning" title="No WhatsApp number is connected">
          Templates belong to your number&apos;s WhatsApp Business account.{" "}
          <Link href={`/${slug}/whatsapp`} className="font-medium underline">
            Connect a number
          </Link>{" "}
          to create them.
        </Notice>
      ) : (
        <>
          {page.accounts.length > 1 && (
            <nav className="flex flex-wrap gap-2 text-sm" aria-label="WhatsApp accounts">
              {page.accounts.map((a) => (
                <Link
                  key={a.wabaId}
                  href={`/${slug}/templates?waba=${a.wabaId}`}
                  aria-current={a.wabaId === page.wabaId ? "page" : undefined}
                  className="rounded-full border border-zinc-300 px-3 py-1 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50"
                >
                  {a.numbers.join(", ")}
                </Link>
              ))}
            </nav>
          )}
          {page.error && (
            <Notice tone="error" title="WhatsApp did not list the templates just now">
              {page.error} The list below is the last one Parley received.
            </Notice>
          )}
          <TemplatesManager
            slug={slug}
            wabaId={page.wabaId}
            numbers={page.accounts.find((a) => a.wabaId === page.wabaId)?.numbers ?? []}
            initialRows={page.rows}
          />
        </>
      )}
    </div>
  );
}
