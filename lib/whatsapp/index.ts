import { getEnv } from "@/lib/env";
import { createGraphClient, type GraphClient } from "./graph-client";
import {
  COEXISTENCE_MESSAGES_PER_SECOND,
  createPacer,
  newPacerState,
  type PacerState,
} from "./pacer";

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

/**
 * Paces a number at its own throughput in this process: a Coexistence number (shared with the
 * WhatsApp Business app) at Meta's 20 messages a second, any other at the default 80.
 */
export function paceChannel(phoneNumberId: string, coexistence: boolean): void {
  store.__parleyPacerState ??= newPacerState();
  createPacer({ state: store.__parleyPacerState }).setRate(
    phoneNumberId,
    coexistence ? COEXISTENCE_MESSAGES_PER_SECOND : null,
  );
}
