"use client";

import { MenuIcon } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  Sheet,
  SheetClose,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from "@/components/ui/sheet";
import { isCurrent, type NavLink } from "./workspace-nav";

type Props = {
  links: NavLink[];
  workspaceName: string;
  user: { name: string; email: string | null };
  sandbox: boolean;
};

const item = "block rounded-md px-3 py-2 text-sm font-medium";

/** Below the `lg` breakpoint the workspace's pages, the account and sign-out live in a sheet. */
export function WorkspaceMenu({ links, workspaceName, user, sandbox }: Props) {
  const pathname = usePathname();
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button variant="secondary" size="sm" className="lg:hidden" data-testid="workspace-menu">
          <MenuIcon className="size-4" aria-hidden />
          Menu
        </Button>
      </SheetTrigger>
      <SheetContent side="right" className="w-72 gap-0 overflow-y-auto">
        <SheetHeader className="border-b border-zinc-200">
          <SheetTitle>Menu</SheetTitle>
          <SheetDescription className="truncate">{workspaceName}</SheetDescription>
        </SheetHeader>
        <nav aria-label="Workspace" className="space-y-0.5 p-2">
          {links.map((l) => {
            const active = isCurrent(pathname, l);
            return (
              <SheetClose asChild key={l.href}>
                <Link
                  href={l.href as Route}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    item,
                    active ? "bg-brand-50 text-brand-700" : "text-zinc-700 hover:bg-zinc-100",
                  )}
                >
                  {l.label}
                </Link>
              </SheetClose>
            );
          })}
        </nav>
        <div className="space-y-0.5 border-t border-zinc-200 p-2">
          <p className="truncate px-3 py-1 text-xs text-zinc-500">{user.email ?? user.name}</p>
          {sandbox && (
            <a
              href="/sandbox/phone"
              target="_blank"
              rel="noreferrer"
              className={cn(item, "text-sky-800 hover:bg-sky-50")}
            >
              Test phone
            </a>
          )}
          <SheetClose asChild>
            <Link
              href="/account"
              aria-current={pathname === "/account" ? "page" : undefined}
              className={cn(item, "text-zinc-700 hover:bg-zinc-100")}
            >
              Account
            </Link>
          </SheetClose>
          <form action={signOutAction}>
            <button
              type="submit"
              className={cn(item, "w-full text-left text-zinc-700 hover:bg-zinc-100")}
            >
              Sign out
            </button>
          </form>
        </div>
      </SheetContent>
    </Sheet>
  );
}
