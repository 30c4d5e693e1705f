"use client";

import { useEffect, useState } from "react";

const TICK_MS = 30_000;

/** Time left in the customer's 24-hour window, ticking; closed when it has passed or never opened. */
export function useWindowCountdown(closesAt: string | null) {
  const [now, setNow] = useState(() => Date.now());
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts the clock when the window moves
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [closesAt]);
  return describeCountdown(closesAt, now);
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
