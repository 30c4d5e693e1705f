"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { updateContactAction } from "../actions";

type Editable = {
  id: string;
  name: string;
  tags: string;
  attributes: string;
  optIn: "opted_in" | "opted_out" | "unknown";
  optInSource: string;
};

const sentence = (m: string) =>
  `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? "" : "."}`;

/** Name, tags, attributes and the marketing opt-in, as the team keeps them. */
export function ContactForm({ slug, contact }: { slug: string; contact: Editable }) {
  const router = useRouter();
  const [values, setValues] = useState(contact);
  const set = (field: keyof Editable) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  const save = useMutation({
    mutationFn: (input: Editable) => updateContactAction(slug, input),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const failure = save.data && !save.data.ok ? save.data : null;
  const err = (field: string) => {
    const m = failure?.fieldErrors?.[field];
    return m ? sentence(m) : undefined;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(values);
  };

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" data-testid="contact-form">
      <Field label="Name" name="contact-name" error={err("name")}>
        <Input
          name="contact-name"
          value={values.name}
          onChange={(e) => set("name")(e.target.value)}
          invalid={Boolean(err("name"))}
        />
      </Field>
      <Field
        label="Tags"
        name="contact-tags"
        hint="Separated by commas, e.g. vip, guitar. Tags are kept in lower case."
        error={err("tags")}
      >
        <Input
          name="contact-tags"
          value={values.tags}
          onChange={(e) => set("tags")(e.target.value)}
          invalid={Boolean(err("tags"))}
        />
      </Field>
      <Field
        label="Attributes"
        name="contact-attributes"
        hint="One per line as name=value, e.g. city=Nairobi. Names use a–z, 0–9 and _."
        error={err("attributes")}
      >
        <textarea
          id="contact-attributes"
          rows={4}
          value={values.attributes}
          onChange={(e) => set("attributes")(e.target.value)}
          aria-invalid={Boolean(err("attributes")) || undefined}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm shadow-xs focus:outline-2 focus:outline-brand-600"
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Marketing messages" name="contact-opt-in">
          <Select
            name="contact-opt-in"
            value={values.optIn}
            onChange={(e) => set("optIn")(e.target.value)}
          >
            <option value="unknown">Not asked</option>
            <option value="opted_in">Opted in</option>
            <option value="opted_out">Opted out</option>
          </Select>
        </Field>
        {values.optIn !== "unknown" && (
          <Field
            label="Where the customer said so"
            name="contact-opt-in-source"
            hint="e.g. asked in the shop, sign-up form"
            error={err("optInSource")}
          >
            <Input
              name="contact-opt-in-source"
              value={values.optInSource}
              onChange={(e) => set("optInSource")(e.target.value)}
              invalid={Boolean(err("optInSource"))}
            />
          </Field>
        )}
      </div>
      {failure && !failure.fieldErrors && <Notice tone="error">{failure.message}</Notice>}
      {save.isError && <Notice tone="error">Could not reach Parley; nothing was saved.</Notice>}
      {save.data?.ok && save.variables === values && (
        <Notice tone="success" testId="contact-saved">
          Saved.
        </Notice>
      )}
      <Button type="submit" disabled={save.isPending} data-testid="contact-save">
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
