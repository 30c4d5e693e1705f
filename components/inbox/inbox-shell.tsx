"use client";

import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * Two panes on a laptop (list and conversation); one at a time on a phone, where an open
 * conversation takes the screen and its back link returns to the list.
 */
export function InboxShell({ list, children }: { list: ReactNode; children: ReactNode }) {
  const open = useSelectedLayoutSegment() !== null;
  return (
    <div className="flex h-[calc(100dvh-9.5rem)] min-h-[28rem] overflow-hidden rounded-xl border border-zinc-200 bg-white">
      <aside
        aria-label="Conversations"
        className={cn(
          "w-full shrink-0 border-zinc-200 md:flex md:w-80 md:border-r",
          open ? "hidden" : "flex",
        )}
      >
        <div className="h-full w-full">{list}</div>
      </aside>
      <section
        aria-label="Conversation"
        className={cn("min-w-0 flex-1 md:block", open ? "block" : "hidden")}
      >
        {children}
      </section>
    </div>
  );
}
