import { getEnv } from "@/lib/env";
import { createGraphClient, type GraphClient } from "./graph-client";

const store = globalThis as unknown as { __parleyGraph?: GraphClient };

/** The process's Graph API client: META_GRAPH_URL (or the sandbox) at META_GRAPH_VERSION, one pacer. */
export function getGraphClient(): GraphClient {
  const { meta } = getEnv();
  store.__parleyGraph ??= createGraphClient({ baseUrl: meta.graphUrl, version: meta.graphVersion });
  return store.__parleyGraph;
}
