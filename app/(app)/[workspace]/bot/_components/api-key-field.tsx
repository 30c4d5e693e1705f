"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ApiKeyState } from "@/lib/bot/settings/form-values";

type Props = {
  stored: ApiKeyState;
  value: string;
  onChange: (value: string) => void;
  /** Stops using the own key: the section switches to the server's AI, and save removes it. */
  onRemove: () => void;
  error: string | undefined;
};

/**
 * The workspace's own API key. A stored key is only ever shown masked; typing a new one replaces
 * it on save, an empty box keeps it.
 */
export function ApiKeyField({ stored, value, onChange, onRemove, error }: Props) {
  const [replacing, setReplacing] = useState(false);
  const showInput = stored.kind !== "stored" || replacing || value !== "";

  return (
    <Field
      label="API key"
      name="aiApiKey"
      error={error}
      hint={
        stored.kind !== "stored"
          ? "From your provider's dashboard. It is stored encrypted and never shown again in full."
          : showInput
            ? "Paste the new key. Leave the box empty to keep the stored one."
            : "Stored encrypted; only its first and last characters are shown. Replace it, or remove it to stop using your own key."
      }
    >
      {stored.kind === "unreadable" && (
        <p className="text-sm text-amber-800" data-testid="ai-api-key-unreadable">
          A key is stored, but this server can no longer read it (its encryption key changed). Paste
          the key again.
        </p>
      )}
      {stored.kind === "stored" && (
        <div className="flex flex-wrap items-center gap-2">
          <code
            className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm text-zinc-800"
            data-testid="ai-api-key-mask"
          >
            {stored.masked}
          </code>
          {!showInput && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setReplacing(true)}
              data-testid="ai-api-key-replace"
            >
              Replace
            </Button>
          )}
          {showInput && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setReplacing(false);
                onChange("");
              }}
              data-testid="ai-api-key-cancel"
            >
              Keep the stored key
            </Button>
          )}
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setReplacing(false);
              onChange("");
              onRemove();
            }}
            data-testid="ai-api-key-remove"
          >
            Remove
          </Button>
        </div>
      )}
      {showInput && (
        <Input
          name="aiApiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk-…"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          invalid={error !== undefined}
          data-testid="ai-api-key"
          className="font-mono"
        />
      )}
    </Field>
  );
}
