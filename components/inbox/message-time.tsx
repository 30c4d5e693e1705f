"use client";

import { useInBrowser } from "./use-in-browser";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A message's time as HH:MM, with the full date on hover. The server does not know the agent's
 * time zone, so it renders UTC and the browser switches to local time right after hydration,
 * without a mismatch.
 */
export function MessageTime({ iso }: { iso: string }) {
  const inBrowser = useInBrowser();
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const time = inBrowser
    ? `${pad(date.getHours())}:${pad(date.getMinutes())}`
    : `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const full = inBrowser
    ? date.toLocaleString([], { dateStyle: "full", timeStyle: "short" })
    : `${date.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" })} UTC`;
  return (
    <time dateTime={iso} title={full} className="tabular-nums">
      {time}
    </time>
  );
}
