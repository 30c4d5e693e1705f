import { randomUUID } from "node:crypto";
import type { Database } from "@/db";
import { createContact, type OptInState } from "@/db/queries/contacts";
import { replaceWabaTemplates } from "@/db/queries/templates";
import type { WorkspaceActor } from "@/lib/auth/access";
import type { BroadcastDeps } from "@/lib/broadcasts/send-batch";
import { seedWorkspace, testKeyring } from "@/lib/testing/fixtures";
import { createGraphClient } from "@/lib/whatsapp/graph-client";
import { createPacer } from "@/lib/whatsapp/pacer";

/** An approved marketing template with two positional variables. */
export const SALE_TEMPLATE = {
  metaId: "9001",
  name: "summer_sale",
  language: "en_US",
  category: "MARKETING",
  status: "APPROVED",
  quality: null,
  rejectedReason: null,
  parameterFormat: "POSITIONAL",
  components: [
    {
      type: "BODY",
      text: "Hi {{1}}, the {{2}} shop has 20% off this week.",
      example: { body_text: [["Ana", "Lisbon"]] },
    },
    { type: "FOOTER", text: "Reply STOP to opt out" },
  ],
};

/** A workspace with a number, its WABA's templates stored (and fresh), and an actor for it. */
export async function seedBroadcastShop(db: Database, name = "Broadcast Shop") {
  const wabaId = String(Math.floor(Math.random() * 1e12));
  const shop = await seedWorkspace(db, name, { wabaId });
  await replaceWabaTemplates(db, {
    workspaceId: shop.workspaceId,
    wabaId,
    templates: [
      SALE_TEMPLATE,
      { ...SALE_TEMPLATE, metaId: "9002", name: "pending_news", status: "PENDING" },
    ],
  });
  const actor: WorkspaceActor = {
    db,
    workspace: { id: shop.workspaceId },
    audit: async () => {},
  };
  return { ...shop, wabaId, actor };
}

let phones = 0;

/** Contacts of the workspace; each gets a fresh phone. */
export async function seedContacts(
  db: Database,
  workspaceId: string,
  count: number,
  c: {
    name?: (i: number) => string | null;
    tags?: string[];
    attributes?: Record<string, string>;
    optIn?: OptInState | null;
  } = {},
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    phones++;
    const created = await createContact(db, {
      workspaceId,
      waId: `3519${String(Date.now() % 1e5).padStart(5, "0")}${String(phones).padStart(5, "0")}`,
      name: c.name ? c.name(i) : `Customer ${i}`,
      tags: c.tags ?? [],
      attributes: c.attributes ?? {},
      optIn:
        c.optIn === null
          ? undefined
          : { status: c.optIn ?? "opted_in", source: "test", at: new Date() },
    });
    if (!created) throw new Error("contact not created");
    ids.push(created.id);
  }
  return ids;
}

export type GraphCall = { url: string; body: Record<string, unknown> };
type Answer = (call: GraphCall) => Response | Promise<Response>;

export const acceptSend: Answer = () =>
  Response.json({ messaging_product: "whatsapp", messages: [{ id: `wamid.${randomUUID()}` }] });

/** Broadcast deps whose Graph API answers each call with `answer`, recording the calls. */
export function scriptedGraph(db: Database, answer: Answer = acceptSend, reconcileMs = 60_000) {
  const calls: GraphCall[] = [];
  const deps: BroadcastDeps = {
    db,
    keyring: testKeyring,
    reconcileMs,
    graph: createGraphClient({
      baseUrl: "http://graph.test",
      version: "v25.0",
      sleep: async () => {},
      maxRetries: 0,
      pacer: createPacer({ sleep: async () => {} }),
      fetch: async (input, init) => {
        const call = {
          url: String(input),
          body: JSON.parse(String(init?.body ?? "null")) as Record<string, unknown>,
        };
        calls.push(call);
        return answer(call);
      },
    }),
  };
  return { deps, calls };
}
