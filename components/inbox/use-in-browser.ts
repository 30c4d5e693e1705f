"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False while rendering on the server and hydrating, true afterwards: times are shown in the
 * agent's time zone, which the server does not know, without a hydration mismatch.
 */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
