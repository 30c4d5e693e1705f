import { cn } from "@/components/ui/cn";
import type { LabelColor } from "@/lib/inbox/label-colors";

// Written out in full so Tailwind finds every class.
export const LABEL_STYLES: Record<LabelColor, { chip: string; dot: string; name: string }> = {
  gray: { chip: "bg-zinc-100 text-zinc-800", dot: "bg-zinc-500", name: "Grey" },
  red: { chip: "bg-red-100 text-red-900", dot: "bg-red-500", name: "Red" },
  orange: { chip: "bg-orange-100 text-orange-900", dot: "bg-orange-500", name: "Orange" },
  amber: { chip: "bg-amber-100 text-amber-900", dot: "bg-amber-500", name: "Yellow" },
  green: { chip: "bg-green-100 text-green-900", dot: "bg-green-600", name: "Green" },
  teal: { chip: "bg-teal-100 text-teal-900", dot: "bg-teal-600", name: "Teal" },
  blue: { chip: "bg-blue-100 text-blue-900", dot: "bg-blue-600", name: "Blue" },
  indigo: { chip: "bg-indigo-100 text-indigo-900", dot: "bg-indigo-600", name: "Indigo" },
  purple: { chip: "bg-purple-100 text-purple-900", dot: "bg-purple-600", name: "Purple" },
  pink: { chip: "bg-pink-100 text-pink-900", dot: "bg-pink-500", name: "Pink" },
};

export type LabelView = { id: string; name: string; color: LabelColor };

export function LabelChip({
  label,
  className,
  children,
}: {
  label: LabelView;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <span
      data-testid="label-chip"
      className={cn(
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium",
        LABEL_STYLES[label.color].chip,
        className,
      )}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", LABEL_STYLES[label.color].dot)} />
      {label.name}
      {children}
    </span>
  );
}
