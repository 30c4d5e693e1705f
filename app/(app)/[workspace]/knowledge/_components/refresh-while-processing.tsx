"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a source is being read, the list is refreshed every few seconds to show how it went. */
export function RefreshWhileProcessing({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
