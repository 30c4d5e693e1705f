"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export type NavLink = { href: string; label: string; exact?: boolean };

export function isCurrent(pathname: string, link: NavLink): boolean {
  return link.exact ? pathname === link.href : pathname.startsWith(link.href);
}

/** The bar of workspace pages on a wide screen; narrower ones get `WorkspaceMenu` instead. */
export function WorkspaceNav({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Workspace"
      // Below the workspace name and the account links, on a line of its own.
      className="hidden flex-wrap items-center gap-1 lg:order-last lg:flex lg:basis-full"
    >
      {links.map((l) => {
        const active = isCurrent(pathname, l);
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
