"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/workspace";
import type { ProductInput } from "@/lib/validations/products";
import { createProductAction, updateProductAction } from "../actions";

export type EditableProduct = {
  id: string;
  retailerId: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  availability: "in_stock" | "out_of_stock";
  imageUrl: string | null;
  link: string | null;
};

type Props = { slug: string; product?: EditableProduct; onDone: () => void };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Adds a product, or edits one; refusals keep every field as typed, with reasons beside them. */
export function ProductForm({ slug, product, onDone }: Props) {
  const router = useRouter();
  const key = product?.id ?? "new";
  const id = (field: string) => `product-${key}-${field}`;
  const [values, setValues] = useState({
    retailerId: product?.retailerId ?? "",
    name: product?.name ?? "",
    description: product?.description ?? "",
    price: product?.price ?? "",
    currency: product?.currency ?? "",
    availability: product?.availability ?? "in_stock",
    imageUrl: product?.imageUrl ?? "",
    link: product?.link ?? "",
  });
  const [added, setAdded] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  const save = useMutation({
    mutationFn: (input: ProductInput): Promise<ActionResult<unknown>> =>
      product
        ? updateProductAction(slug, { id: product.id, product: input })
        : createProductAction(slug, input),
    onSuccess: (result, input) => {
      if (!result.ok) return;
      router.refresh();
      if (product) {
        onDone();
        return;
      }
      setAdded(input.name);
      setValues((v) => ({
        ...v,
        retailerId: "",
        name: "",
        description: "",
        price: "",
        imageUrl: "",
        link: "",
      }));
    },
  });
  const errors = save.data && !save.data.ok ? (save.data.fieldErrors ?? {}) : {};
  const error = (field: string) => {
    const found = errors[field] ?? errors[`product.${field}`];
    return found ? capitalise(found) : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    save.mutate(values);
  };

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="product-form" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Retailer id (SKU)"
          name={id("retailerId")}
          error={error("retailerId")}
          hint="Your own code for the product; it is its id in your Meta catalog."
        >
          <Input
            name={id("retailerId")}
            value={values.retailerId}
            onChange={(e) => set("retailerId")(e.target.value)}
            invalid={Boolean(error("retailerId"))}
          />
        </Field>
        <Field label="Name" name={id("name")} error={error("name")}>
          <Input
            name={id("name")}
            value={values.name}
            onChange={(e) => set("name")(e.target.value)}
            invalid={Boolean(error("name"))}
          />
        </Field>
      </div>
      <Field
        label="Description"
        name={id("description")}
        error={error("description")}
        hint="What the bot tells customers who ask about the product."
      >
        <textarea
          id={id("description")}
          rows={3}
          value={values.description}
          onChange={(e) => set("description")(e.target.value)}
          className="block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:outline-2 focus:outline-brand-600"
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Price"
          name={id("price")}
          error={error("price")}
          hint="For example 1250 or 12.50"
        >
          <Input
            name={id("price")}
            inputMode="decimal"
            value={values.price}
            onChange={(e) => set("price")(e.target.value)}
            invalid={Boolean(error("price"))}
          />
        </Field>
        <Field
          label="Currency"
          name={id("currency")}
          error={error("currency")}
          hint="Three letters, e.g. KES, USD"
        >
          <Input
            name={id("currency")}
            maxLength={3}
            value={values.currency}
            onChange={(e) => set("currency")(e.target.value.toUpperCase())}
            invalid={Boolean(error("currency"))}
          />
        </Field>
        <Field label="Availability" name={id("availability")} error={error("availability")}>
          <Select
            name={id("availability")}
            value={values.availability}
            onChange={(e) => set("availability")(e.target.value)}
          >
            <option value="in_stock">In stock</option>
            <option value="out_of_stock">Out of stock</option>
          </Select>
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Image URL"
          name={id("imageUrl")}
          error={error("imageUrl")}
          hint="A picture on the web (https://…); Meta needs one to list the product."
        >
          <Input
            name={id("imageUrl")}
            type="url"
            value={values.imageUrl}
            onChange={(e) => set("imageUrl")(e.target.value)}
            invalid={Boolean(error("imageUrl"))}
          />
        </Field>
        <Field
          label="Link"
          name={id("link")}
          error={error("link")}
          hint="The product's page on your website; Meta needs one too."
        >
          <Input
            name={id("link")}
            type="url"
            value={values.link}
            onChange={(e) => set("link")(e.target.value)}
            invalid={Boolean(error("link"))}
          />
        </Field>
      </div>
      {save.data && !save.data.ok && !save.data.fieldErrors && (
        <Notice tone="error">{save.data.message}</Notice>
      )}
      {save.isError && (
        <Notice tone="error">Could not reach Parley; nothing was saved. Try again.</Notice>
      )}
      {added && (
        <Notice tone="success" testId="product-added">
          Added {added}. Add another, or close.
        </Notice>
      )}
      <div className="flex gap-3">
        <Button type="submit" disabled={save.isPending} data-testid="product-save">
          {save.isPending ? "Saving…" : product ? "Save changes" : "Add product"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {product ? "Cancel" : "Close"}
        </Button>
      </div>
    </form>
  );
}
