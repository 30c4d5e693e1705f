import type { Metadata } from "next";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxPage() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center">
      <p className="text-base font-medium text-zinc-800">Choose a conversation</p>
      <p className="max-w-sm text-sm text-zinc-500">
        Customers' messages appear on the left as they arrive. Open one to read it, take over from
        the bot and reply. Press <kbd className="rounded border px-1">?</kbd> for keyboard
        shortcuts.
      </p>
    </div>
  );
}
