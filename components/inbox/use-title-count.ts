"use client";

import { useEffect } from "react";
import { titleWithCount } from "./live-alerts";

/**
 * Keeps "(N) " in front of the tab's title while the inbox is open, also when navigating sets a
 * new title; the bare title comes back when the inbox closes.
 */
export function useTitleCount(count: number): void {
  useEffect(() => {
    const apply = () => {
      const next = titleWithCount(document.title, count);
      if (next !== document.title) document.title = next;
    };
    apply();
    const head = document.querySelector("head");
    const observer = new MutationObserver(apply);
    if (head) observer.observe(head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = titleWithCount(document.title, 0);
    };
  }, [count]);
}
