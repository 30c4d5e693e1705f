import { cva, type VariantProps } from "class-variance-authority";
import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const buttonVariants = cva(
  "inline-flex items-center justify-center gap-2 rounded-lg text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed",
  {
    variants: {
      variant: {
        primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50",
        secondary:
          "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 disabled:text-zinc-400",
        danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50",
        ghost: "text-zinc-700 hover:bg-zinc-100 disabled:text-zinc-400",
      },
      size: { sm: "px-3 py-1.5", md: "px-4 py-2" },
    },
    defaultVariants: { variant: "primary", size: "md" },
  },
);

type Props = ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    /** Styles its only child (a link, a Radix trigger) as the button instead of rendering one. */
    asChild?: boolean;
  };

export function Button({ variant, size, asChild = false, className, type, ...rest }: Props) {
  if (asChild) {
    return <Slot.Root className={cn(buttonVariants({ variant, size }), className)} {...rest} />;
  }
  return (
    <button
      type={type ?? "button"}
      className={cn(buttonVariants({ variant, size }), className)}
      {...rest}
    />
  );
}
