"use client";

import { useEffect, useState } from "react";

const TICK_MS = 30_000;

/** Time left in the customer's 24-hour window, ticking; closed when it has passed or never opened. */
export function useWindowCountdown(closesAt: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return describeCountdown(closesAt, now);
}

export function describeCountdown(closesAt: string | null, now: number) {
  const left = closesAt ? new Date(closesAt).getTime() - now : 0;
  if (left <= 0) return { open: false, urgent: false, label: "" };
  const minutes = Math.ceil(left / 60_000);
  const hours = Math.floor(minutes / 60);
  const label = hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
  return { open: true, urgent: left < 60 * 60_000, label };
}
