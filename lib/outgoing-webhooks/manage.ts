import {
  createOutgoingWebhook,
  deleteOutgoingWebhook,
  getOutgoingWebhook,
  setOutgoingWebhookEnabled,
  setOutgoingWebhookSecret,
} from "@/db/queries/outgoing-webhooks";
import { assertPublicEndpoint, isEndpointRefused } from "@/lib/ai/public-endpoint";
import type { ActionResult, WorkspaceActor } from "@/lib/auth/workspace";
import { getKeyring } from "@/lib/crypto";
import type { Keyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import type { WebhookEndpointInput } from "@/lib/validations/outgoing-webhooks";
import { WEBHOOK_SECRET_CONTEXT } from "./deliver";
import { type DispatchDeliveries, emitEvent, forgetSubscriptions } from "./emit";
import { newWebhookSecret } from "./signature";

const NOT_FOUND = {
  ok: false,
  code: "not_found",
  message: "This endpoint does not exist any more. Reload the page.",
} as const;

export type ManageDeps = {
  publicOnly: boolean;
  keyring: Keyring;
  resolve?: (host: string) => Promise<string[]>;
  dispatch?: DispatchDeliveries;
};

const defaultDeps = (): ManageDeps => ({
  publicOnly: getEnv().ai.publicEndpointsOnly,
  keyring: getKeyring(),
});

/** Why an address is refused (public https only, unless private networks are allowed). */
async function urlProblem(url: string, deps: ManageDeps): Promise<string | null> {
  if (!deps.publicOnly) return null;
  try {
    await assertPublicEndpoint(new URL(url), deps.resolve);
    return null;
  } catch (error) {
    if (isEndpointRefused(error)) return error.message;
    throw error;
  }
}

const sealed = (secret: string, workspaceId: string, keyring: Keyring) =>
  encryptSecret(secret, keyring, WEBHOOK_SECRET_CONTEXT, workspaceId);

/** Adds an endpoint; its secret is in this result only, once. */
export async function createWebhookEndpoint(
  actor: WorkspaceActor,
  input: WebhookEndpointInput,
  deps: ManageDeps = defaultDeps(),
): Promise<ActionResult<{ id: string; secret: string }>> {
  const problem = await urlProblem(input.url, deps);
  if (problem) {
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: { url: problem },
    };
  }
  const workspaceId = actor.workspace.id;
  const secret = newWebhookSecret();
  const { id } = await createOutgoingWebhook(actor.db, {
    workspaceId,
    url: input.url,
    events: input.events,
    secretEncrypted: sealed(secret, workspaceId, deps.keyring),
  });
  forgetSubscriptions(workspaceId);
  await actor.audit("webhook.created", id, { url: input.url, events: input.events });
  return { ok: true, data: { id, secret } };
}

export async function deleteWebhookEndpoint(
  actor: WorkspaceActor,
  input: { id: string },
): Promise<ActionResult<null>> {
  const deleted = await deleteOutgoingWebhook(actor.db, {
    workspaceId: actor.workspace.id,
    id: input.id,
  });
  if (!deleted) return NOT_FOUND;
  forgetSubscriptions(actor.workspace.id);
  await actor.audit("webhook.deleted", deleted.id, { url: deleted.url });
  return { ok: true, data: null };
}

/** Turns an endpoint off, or on again (its failures forgotten). */
export async function setWebhookEndpointEnabled(
  actor: WorkspaceActor,
  input: { id: string; enabled: boolean },
): Promise<ActionResult<null>> {
  const row = await setOutgoingWebhookEnabled(actor.db, {
    workspaceId: actor.workspace.id,
    ...input,
  });
  if (!row) return NOT_FOUND;
  forgetSubscriptions(actor.workspace.id);
  await actor.audit(input.enabled ? "webhook.enabled" : "webhook.paused", row.id, { url: row.url });
  return { ok: true, data: null };
}

/** A new secret for the endpoint, shown once; deliveries are signed with it from now on. */
export async function rollWebhookSecret(
  actor: WorkspaceActor,
  input: { id: string },
  deps: ManageDeps = defaultDeps(),
): Promise<ActionResult<{ secret: string }>> {
  const secret = newWebhookSecret();
  const row = await setOutgoingWebhookSecret(actor.db, {
    workspaceId: actor.workspace.id,
    id: input.id,
    secretEncrypted: sealed(secret, actor.workspace.id, deps.keyring),
  });
  if (!row) return NOT_FOUND;
  await actor.audit("webhook.secret_rolled", row.id, { url: row.url });
  return { ok: true, data: { secret } };
}

/** Queues a `ping` event to one endpoint, to check it receives and verifies deliveries. */
export async function sendTestEvent(
  actor: WorkspaceActor,
  input: { id: string },
  deps: Pick<ManageDeps, "dispatch"> = {},
): Promise<ActionResult<null>> {
  const row = await getOutgoingWebhook(actor.db, { workspaceId: actor.workspace.id, id: input.id });
  if (!row) return NOT_FOUND;
  if (row.disabledAt) {
    return { ok: false, code: "invalid", message: "Turn the endpoint on before testing it." };
  }
  const queued = await emitEvent(
    actor.db,
    actor.workspace.id,
    { type: "ping", data: { message: "A test event from Parley." } },
    { only: { webhookId: row.id }, ...(deps.dispatch && { dispatch: deps.dispatch }) },
  );
  if (queued === 0) {
    return {
      ok: false,
      code: "unavailable",
      message: "The test event could not be queued. Try again.",
    };
  }
  return { ok: true, data: null };
}
