"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ContactImport } from "./contact-import";

/** Import and export, for those who may move customers' data in and out. */
export function ContactToolbar({ slug, canManage }: { slug: string; canManage: boolean }) {
  const [importing, setImporting] = useState(false);
  if (!canManage) return null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap justify-end gap-2">
        <Button
          variant="secondary"
          onClick={() => setImporting(true)}
          data-testid="contact-import-open"
        >
          Import CSV
        </Button>
        {/* A plain link: the browser downloads the file the route answers with. */}
        <a
          href={`/${slug}/contacts/export`}
          download
          className="inline-flex items-center rounded-lg border border-zinc-300 bg-white px-4 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
          data-testid="contact-export"
        >
          Export CSV
        </a>
      </div>
      {importing && (
        <Card
          title="Import contacts"
          description="A CSV file with the columns phone (required), name, tags (separated by ;), attributes (name=value; name=value), opt_in (yes or no) and opt_in_source (where the customer agreed to marketing messages). A phone you already have updates that contact: its tags and attributes are added to, nothing is removed."
        >
          <ContactImport slug={slug} onClose={() => setImporting(false)} />
        </Card>
      )}
    </div>
  );
}
