"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { DEFAULT_MAX_PAGES, MAX_MAX_PAGES } from "@/lib/knowledge/limits";
import { addKnowledgeWebsiteAction } from "../actions";

/** Adds a website: its pages on the same site are read, and read again on a schedule if asked. */
export function AddWebsite({ slug }: { slug: string }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [maxPages, setMaxPages] = useState(String(DEFAULT_MAX_PAGES));
  const [resync, setResync] = useState("none");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setFailure(null);
      const result = await addKnowledgeWebsiteAction(slug, {
        url,
        maxPages: Number(maxPages),
        resyncHours: resync === "none" ? null : resync === "24" ? 24 : 168,
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) setFailure(result.message);
        return;
      }
      setErrors({});
      setUrl("");
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="add-website">
      <Field
        label="Website address"
        name="knowledge-url"
        error={errors.url}
        hint="Pages on the same site are read, following its sitemap; pages its robots.txt forbids are skipped."
      >
        <Input
          name="knowledge-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://www.example.com"
          invalid={errors.url !== undefined}
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Pages to read" name="knowledge-max-pages" error={errors.maxPages}>
          <Input
            name="knowledge-max-pages"
            type="number"
            min={1}
            max={MAX_MAX_PAGES}
            value={maxPages}
            onChange={(e) => setMaxPages(e.target.value)}
            invalid={errors.maxPages !== undefined}
          />
        </Field>
        <Field label="Read again" name="knowledge-resync">
          <Select
            name="knowledge-resync"
            value={resync}
            onChange={(e) => setResync(e.target.value)}
          >
            <option value="none">Only when I ask</option>
            <option value="24">Every day</option>
            <option value="168">Every week</option>
          </Select>
        </Field>
      </div>
      {failure && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {failure}
        </p>
      )}
      <Button type="submit" disabled={pending} data-testid="add-website-submit">
        {pending ? "Adding…" : "Add website"}
      </Button>
    </form>
  );
}
