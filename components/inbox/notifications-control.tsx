"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { LiveState } from "./live-inbox";

type Permission = NotificationPermission | "unsupported";

const readPermission = (): Permission =>
  typeof Notification === "undefined" ? "unsupported" : Notification.permission;

/**
 * Under the inbox's tabs: whether changes arrive live, and the browser notifications, asked for
 * only when the person presses the button (never on page load).
 */
export function NotificationsControl({ live }: { live: LiveState }) {
  const [permission, setPermission] = useState<Permission | null>(null);
  useEffect(() => setPermission(readPermission()), []);

  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500">
      <span
        data-testid="live-status"
        data-state={live}
        className="inline-flex items-center gap-1.5"
      >
        <span
          aria-hidden
          className={
            live === "live"
              ? "size-2 rounded-full bg-emerald-500"
              : "size-2 rounded-full bg-amber-400"
          }
        />
        {live === "live"
          ? "Live"
          : live === "connecting"
            ? "Connecting…"
            : "Reconnecting; checking every few seconds"}
      </span>
      {permission === "default" && (
        <Button
          size="sm"
          variant="secondary"
          className="px-2 py-1 text-xs"
          data-testid="enable-notifications"
          onClick={() => void Notification.requestPermission().then((p) => setPermission(p))}
        >
          Turn on notifications
        </Button>
      )}
      {permission === "denied" && (
        <span title="Allow notifications for this site in the browser's settings to be told here.">
          Notifications blocked by the browser
        </span>
      )}
      {permission === "granted" && (
        <Link href="/account#notifications" className="underline hover:text-zinc-700">
          Notification settings
        </Link>
      )}
    </div>
  );
}
