"use client";

import { useEffect, useState } from "react";

const TICK_MS = 30_000;

/**
 * Time left in the customer's 24-hour window, ticking; closed when it has passed or never opened.
 * It counts on the server's clock (`serverNow`, when the thread was read), so a wrong clock on
 * the agent's computer neither hides nor shows the template picker wrongly.
 */
export function useWindowCountdown(closesAt: string | null, serverNow: string) {
  const [elapsed, setElapsed] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock restarts with each read of the thread
  useEffect(() => {
    const readAt = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Date.now() - readAt), TICK_MS);
    return () => clearInterval(timer);
  }, [serverNow]);
  return describeCountdown(closesAt, new Date(serverNow).getTime() + elapsed);
}

export function describeCountdown(closesAt: string | null, now: number) {
  const left = closesAt ? new Date(closesAt).getTime() - now : 0;
  if (left <= 0) return { open: false, urgent: false, label: "" };
  const minutes = Math.floor(left / 60_000);
  const hours = Math.floor(minutes / 60);
  const label =
    hours > 0
      ? `${hours} h ${minutes % 60} min`
      : minutes > 0
        ? `${minutes} min`
        : "less than a minute";
  return { open: true, urgent: left < 60 * 60_000, label };
}
