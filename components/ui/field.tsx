import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-xs placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 disabled:bg-zinc-100";

type FieldProps = {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
  children?: ReactNode;
};

/** A labelled control with its hint and its error, wired for screen readers. */
export function Field({ label, name, hint, error, children }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${name}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & { name: string; invalid?: boolean };

export function Input({ name, invalid, className, ...rest }: InputProps) {
  return (
    <input
      id={name}
      name={name}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${name}-error` : `${name}-hint`}
      className={cn(control, invalid ? "border-red-400" : "border-zinc-300", className)}
      {...rest}
    />
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { name: string; invalid?: boolean };

export function Select({ name, invalid, className, ...rest }: SelectProps) {
  return (
    <select
      id={name}
      name={name}
      aria-invalid={invalid || undefined}
      className={cn(control, invalid ? "border-red-400" : "border-zinc-300", className)}
      {...rest}
    />
  );
}
