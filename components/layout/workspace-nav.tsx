"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

type Props = { links: { href: string; label: string; exact?: boolean }[] };

export function WorkspaceNav({ links }: Props) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Workspace"
      // On a narrow screen the links scroll sideways; the fading edge says there are more.
      className="-mx-1 flex max-w-full items-center gap-1 overflow-x-auto px-1 [mask-image:linear-gradient(to_right,black_85%,transparent)] lg:[mask-image:none]"
    >
      {links.map((l) => {
        const active = l.exact ? pathname === l.href : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href as Route}
            aria-current={active ? "page" : undefined}
            className={cn(
              "shrink-0 rounded-md px-2 py-1.5 text-sm font-medium",
              active ? "bg-brand-50 text-brand-700" : "text-zinc-600 hover:bg-zinc-100",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
