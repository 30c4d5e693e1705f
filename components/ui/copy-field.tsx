"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type Props = { value: string; label: string; testId: string };

/** A read-only value with a Copy button; the text stays selectable where the clipboard is blocked. */
export function CopyField({ value, label, testId }: Props) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        aria-label={label}
        value={value}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full min-w-0 rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm"
      />
      <Button variant="secondary" size="sm" onClick={copy} data-testid={`${testId}-copy`}>
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
