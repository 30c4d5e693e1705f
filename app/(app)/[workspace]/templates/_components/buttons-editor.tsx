"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import type { TemplateButton } from "@/lib/validations/template";

type Props = {
  buttons: TemplateButton[];
  onChange: (buttons: TemplateButton[]) => void;
  error: (path: string) => string | undefined;
};

const ADD: { label: string; make: () => TemplateButton }[] = [
  { label: "Quick reply", make: () => ({ type: "QUICK_REPLY", text: "" }) },
  { label: "Link", make: () => ({ type: "URL", text: "", url: "https://", example: "" }) },
  { label: "Call", make: () => ({ type: "PHONE_NUMBER", text: "", phone: "+" }) },
  { label: "Copy code", make: () => ({ type: "COPY_CODE", example: "" }) },
];

const KIND: Record<TemplateButton["type"], string> = {
  QUICK_REPLY: "Quick reply",
  URL: "Link",
  PHONE_NUMBER: "Call",
  COPY_CODE: "Copy code",
};

function Small({
  id,
  label,
  value,
  onChange,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  placeholder?: string;
}) {
  return (
    <label className="block text-xs text-zinc-700" htmlFor={id}>
      {label}
      <Input
        name={id}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        invalid={error !== undefined}
        className="mt-1"
        data-testid={id}
      />
      {error && (
        <span role="alert" className="mt-1 block font-medium text-red-700">
          {error}
        </span>
      )}
    </label>
  );
}

/** The template's buttons: quick replies, links, a call button and a copy-code button. */
export function ButtonsEditor({ buttons, onChange, error }: Props) {
  const set = (i: number, b: TemplateButton) => onChange(buttons.map((x, j) => (j === i ? b : x)));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-zinc-800">Buttons (optional)</legend>
      {error("buttons") && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error("buttons")}
        </p>
      )}
      {buttons.map((b, i) => {
        const id = (f: string) => `template-button-${i}-${f}`;
        const err = (f: string) => error(`buttons.${i}.${f}`);
        return (
          // Buttons have no identity of their own; their place is their key while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={i} className="space-y-2 rounded-lg border border-zinc-200 p-3">
            <div className="flex items-center justify-between">
              <span className="text-xs font-semibold text-zinc-600 uppercase">{KIND[b.type]}</span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onChange(buttons.filter((_, j) => j !== i))}
              >
                Remove
              </Button>
            </div>
            {b.type !== "COPY_CODE" && (
              <Small
                id={id("text")}
                label="Label"
                value={b.text}
                onChange={(text) => set(i, { ...b, text })}
                error={err("text")}
              />
            )}
            {b.type === "URL" && (
              <>
                <Small
                  id={id("url")}
                  label="Link (may end with {{1}} for a part filled in when sending)"
                  value={b.url}
                  onChange={(url) => set(i, { ...b, url })}
                  error={err("url")}
                />
                {/\{\{\s*1\s*\}\}$/.test(b.url) && (
                  <Small
                    id={id("example")}
                    label="Example of the whole link"
                    value={b.example}
                    onChange={(example) => set(i, { ...b, example })}
                    error={err("example")}
                  />
                )}
              </>
            )}
            {b.type === "PHONE_NUMBER" && (
              <Small
                id={id("phone")}
                label="Phone number, with + and country code"
                value={b.phone}
                onChange={(phone) => set(i, { ...b, phone })}
                error={err("phone")}
              />
            )}
            {b.type === "COPY_CODE" && (
              <Small
                id={id("example")}
                label="Example code (the real one is given when sending)"
                value={b.example}
                onChange={(example) => set(i, { ...b, example })}
                error={err("example")}
              />
            )}
          </div>
        );
      })}
      <div className="flex flex-wrap gap-2">
        {ADD.map((a) => (
          <Button
            key={a.label}
            variant="secondary"
            size="sm"
            onClick={() => onChange([...buttons, a.make()])}
            data-testid={`template-add-${a.label.toLowerCase().replace(/\s/g, "-")}`}
          >
            + {a.label}
          </Button>
        ))}
      </div>
    </fieldset>
  );
}
