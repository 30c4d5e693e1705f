import { getEnv } from "@/lib/env";
import { createGraphClient, type GraphClient } from "./graph-client";
import { createPacer, newPacerState, type PacerState } from "./pacer";

// The pacing buckets are process-wide plain data, so every bundle's client paces against the same
// 80 messages a second per number. The client itself is made per bundle: a client cached for the
// process would be built by whichever bundle asked first, and throw that bundle's errors.
const store = globalThis as unknown as { __parleyPacerState?: PacerState };
let client: GraphClient | undefined;

/** This bundle's Graph API client: META_GRAPH_URL (or the sandbox) at META_GRAPH_VERSION. */
export function getGraphClient(): GraphClient {
  if (!client) {
    const { meta } = getEnv();
    store.__parleyPacerState ??= newPacerState();
    client = createGraphClient({
      baseUrl: meta.graphUrl,
      version: meta.graphVersion,
      pacer: createPacer({ state: store.__parleyPacerState }),
    });
  }
  return client;
}
