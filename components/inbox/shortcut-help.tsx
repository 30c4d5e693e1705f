"use client";

import { useEffect, useRef } from "react";
import { SHORTCUTS } from "./use-shortcuts";

/** The inbox's keyboard shortcuts, in a dialog that Esc or a click outside closes. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) dialog.current?.close();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") dialog.current?.close();
      }}
      aria-labelledby="shortcut-title"
      className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-zinc-900/40"
    >
      <div className="p-5">
        <h2 id="shortcut-title" className="text-base font-semibold text-zinc-950">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {SHORTCUTS.map((s) => (
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
        <button
          type="button"
          onClick={() => dialog.current?.close()}
          className="mt-4 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-50"
        >
          Close
        </button>
      </div>
    </dialog>
  );
}
