import { type Database, getDb } from "@/db";
import { getKeyring } from "@/lib/crypto";
import type { Keyring } from "@/lib/crypto/keyring";
import { getEnv } from "@/lib/env";
import { getGraphClient } from "@/lib/whatsapp";
import type { GraphClient } from "@/lib/whatsapp/graph-client";

/** What connecting a number talks to. In production all of it comes from the environment. */
export type OnboardingDeps = {
  db: Database;
  keyring: Keyring;
  graph: GraphClient;
  app: { appId: string; appSecret: string };
};

/** The Graph client points at META_GRAPH_URL (or the sandbox emulator) at META_GRAPH_VERSION. */
export async function getOnboardingDeps(): Promise<OnboardingDeps> {
  const { meta } = getEnv();
  return {
    db: await getDb(),
    keyring: getKeyring(),
    graph: getGraphClient(),
    app: { appId: meta.appId, appSecret: meta.appSecret },
  };
}
