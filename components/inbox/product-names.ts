"use client";

import { useQuery } from "@tanstack/react-query";

/** The workspace's names for these retailer ids; an id it no longer has stays unnamed. */
export function useProductNames(slug: string, retailerIds: string[]): Record<string, string> {
  const ids = [...new Set(retailerIds)].sort().join(",");
  const names = useQuery({
    queryKey: ["product-names", slug, ids],
    enabled: ids !== "",
    staleTime: 60_000,
    queryFn: async () => {
      const res = await fetch(
        `/${encodeURIComponent(slug)}/products/names?ids=${encodeURIComponent(ids)}`,
      );
      if (!res.ok) return {};
      return ((await res.json()) as { names: Record<string, string> }).names;
    },
  });
  return names.data ?? {};
}
