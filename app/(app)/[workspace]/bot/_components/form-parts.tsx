"use client";

import type { ReactNode, TextareaHTMLAttributes } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

/** One titled group of settings. */
export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card title={title} description={description}>
      <div className="space-y-5">{children}</div>
    </Card>
  );
}

/** An on/off setting with what each state means. */
export function Toggle({
  name,
  label,
  description,
  checked,
  onChange,
  testId,
  disabled = false,
}: {
  name: string;
  label: string;
  description: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <div className="flex items-start gap-3">
      <Switch
        id={name}
        name={name}
        checked={checked}
        disabled={disabled}
        onCheckedChange={onChange}
        aria-describedby={`${name}-hint`}
        data-testid={testId}
        className="mt-0.5"
      />
      <div>
        <Label htmlFor={name} className="inline text-sm leading-5 font-medium text-zinc-800">
          {label} <span className="font-normal text-zinc-500">({checked ? "on" : "off"})</span>
        </Label>
        <p id={`${name}-hint`} className="text-xs text-zinc-500">
          {description}
        </p>
      </div>
    </div>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "onChange" | "value"> & {
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** Shows a character count against this limit. */
  max?: number;
  invalid?: boolean;
};

/** A multi-line text, with a character count when it has a limit. */
export function TextArea({
  name,
  value,
  onChange,
  max,
  invalid,
  className,
  ...rest
}: TextAreaProps) {
  const length = value.trim().length;
  return (
    <div>
      <textarea
        id={name}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${name}-error` : `${name}-hint`}
        className={cn(
          "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600",
          invalid ? "border-red-400" : "border-zinc-300",
          className,
        )}
        {...rest}
      />
      {max !== undefined && (
        <p
          className={cn("mt-1 text-right text-xs", length > max ? "text-red-700" : "text-zinc-400")}
        >
          {length.toLocaleString("en")} / {max.toLocaleString("en")}
        </p>
      )}
    </div>
  );
}

/** A whole number; an emptied box is kept as NaN, so the form says "Enter a number". */
export function NumberInput({
  name,
  value,
  onChange,
  min,
  max,
  invalid,
  testId,
}: {
  name: string;
  value: number;
  onChange: (value: number) => void;
  min: number;
  max: number;
  invalid: boolean;
  testId: string;
}) {
  return (
    <Input
      name={name}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={1}
      value={Number.isNaN(value) ? "" : value}
      onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
      invalid={invalid}
      data-testid={testId}
      className="max-w-40"
    />
  );
}
