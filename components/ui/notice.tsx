import type { ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-brand-100 bg-brand-50 text-brand-700",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
} as const;

type Props = {
  tone?: keyof typeof TONES;
  title?: ReactNode;
  children?: ReactNode;
  testId?: string;
};

export function Notice({ tone = "info", title, children, testId }: Props) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={cn("rounded-lg border px-4 py-3 text-sm", TONES[tone])}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1" : undefined}>{children}</div>}
    </div>
  );
}
