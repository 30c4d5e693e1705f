"use client";

import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

type Ws = { slug: string; name: string; role: string };
type Props = { current: Ws; workspaces: Ws[] };

/** Shows the workspace's name; people in several switch here, or create another. */
export function WorkspaceSwitcher({ current, workspaces }: Props) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="workspace-switcher"
        aria-label={`Workspace: ${current.name}`}
        className="flex min-w-0 max-w-56 items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <span className="truncate">{current.name}</span>
        <ChevronsUpDownIcon className="size-3.5 shrink-0 text-zinc-500" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel className="text-xs text-zinc-500">Workspaces</DropdownMenuLabel>
        {workspaces.map((w) => {
          const here = w.slug === current.slug;
          return (
            <DropdownMenuItem key={w.slug} asChild>
              <Link href={`/${w.slug}` as Route} aria-current={here ? "page" : undefined}>
                <CheckIcon className={here ? undefined : "invisible"} aria-hidden />
                <span className="truncate">{w.name}</span>
              </Link>
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={"/app/new" as Route}>
            <PlusIcon aria-hidden />
            New workspace…
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
