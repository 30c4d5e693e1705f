"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { AI_SHORTCUTS, SHORTCUTS } from "./use-shortcuts";

/** The inbox's keyboard shortcuts, in a dialog that Esc or a click outside closes. */
export function ShortcutHelp({
  onClose,
  aiHelp = false,
}: {
  onClose: () => void;
  aiHelp?: boolean;
}) {
  return (
    <Dialog
      defaultOpen
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <DialogContent className="max-w-md sm:max-w-md" showCloseButton={false}>
        <DialogHeader>
          <DialogTitle className="text-base text-zinc-950">Keyboard shortcuts</DialogTitle>
          <DialogDescription className="sr-only">
            Keys that work anywhere in the inbox outside a text box; the Alt keys work while writing
            too.
          </DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {[...SHORTCUTS, ...(aiHelp ? AI_SHORTCUTS : [])].map((s) => (
            <div key={s.keys} className="contents">
              <dt>
                <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs">
                  {s.keys}
                </kbd>
              </dt>
              <dd className="text-zinc-700">{s.does}</dd>
            </div>
          ))}
        </dl>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary" size="sm">
              Close
            </Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
