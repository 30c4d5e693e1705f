"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { eraseContactAction } from "../actions";

/** Erasure, asked once more before it acts; afterwards the list is shown. */
export function EraseContact({ slug, id }: { slug: string; id: string }) {
  const router = useRouter();
  return (
    <div className="flex justify-start">
      <ConfirmButton
        label="Erase contact and messages"
        question="Erase this customer and all their messages for good?"
        confirmLabel="Erase for good"
        testId="contact-erase"
        onConfirm={async () => {
          const result = await eraseContactAction(slug, { id });
          return result.ok ? { ok: true } : { ok: false, message: result.message };
        }}
        onDone={() => {
          router.push(`/${slug}/contacts?erased=1` as Route);
          router.refresh();
        }}
      />
    </div>
  );
}
