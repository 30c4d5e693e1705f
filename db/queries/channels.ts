import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { channels } from "../schema";

// Routing is by phone number id across tenants: Meta's id is globally unique.
export async function findChannelByPhoneNumberId(db: Db, phoneNumberId: string) {
  const [row] = await db
    .select({
      id: channels.id,
      workspaceId: channels.workspaceId,
      phoneNumberId: channels.phoneNumberId,
      status: channels.status,
      coexistence: channels.coexistence,
    })
    .from(channels)
    .where(eq(channels.phoneNumberId, phoneNumberId));
  return row ?? null;
}

/** Every number shared with the WhatsApp Business app, for pacing them at their throughput. */
export async function listCoexistencePhoneNumberIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ phoneNumberId: channels.phoneNumberId })
    .from(channels)
    .where(eq(channels.coexistence, true));
  return rows.map((r) => r.phoneNumberId);
}

type ChannelFields = {
  wabaId?: string | null;
  displayPhoneNumber?: string | null;
  accessTokenEncrypted?: string | null;
  verifyTokenEncrypted?: string | null;
  verifyTokenHash?: string | null;
  status?: (typeof channels.$inferInsert)["status"];
  connectedAt?: Date | null;
};

export async function createChannel(
  db: Db,
  params: { workspaceId: string; phoneNumberId: string } & ChannelFields,
) {
  const [row] = await db.insert(channels).values(params).returning({ id: channels.id });
  if (!row) throw new Error("Channel insert returned nothing");
  return row;
}

export async function updateChannel(
  db: Db,
  { workspaceId, id, ...fields }: { workspaceId: string; id: string } & ChannelFields,
) {
  if (Object.values(fields).every((v) => v === undefined)) return;
  await db
    .update(channels)
    .set(fields)
    .where(and(eq(channels.id, id), eq(channels.workspaceId, workspaceId)));
}

const displayColumns = {
  id: channels.id,
  phoneNumberId: channels.phoneNumberId,
  wabaId: channels.wabaId,
  displayPhoneNumber: channels.displayPhoneNumber,
  verifiedName: channels.verifiedName,
  qualityRating: channels.qualityRating,
  status: channels.status,
  statusReason: channels.statusReason,
  tokenExpiresAt: channels.tokenExpiresAt,
  hasAccessToken: sql<boolean>`${channels.accessTokenEncrypted} is not null`,
  connectedAt: channels.connectedAt,
  disconnectedAt: channels.disconnectedAt,
};

/** What a workspace may see of its numbers: display fields and state, never an envelope. */
export async function listWorkspaceChannels(db: Db, workspaceId: string) {
  return db
    .select(displayColumns)
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

export type WorkspaceChannel = Awaited<ReturnType<typeof listWorkspaceChannels>>[number];

export async function getWorkspaceChannel(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select(displayColumns)
    .from(channels)
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)));
  return row ?? null;
}

/** The verify-token envelope, for the connection page to decrypt and show. */
export async function getChannelVerifyTokenEnvelope(
  db: Db,
  p: { workspaceId: string; id: string },
): Promise<string | null> {
  const [row] = await db
    .select({ envelope: channels.verifyTokenEncrypted })
    .from(channels)
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)));
  return row?.envelope ?? null;
}

/** The two-step PIN Parley registered the number with, to register it again with the same. */
export async function getChannelPinEnvelope(
  db: Db,
  p: { workspaceId: string; id: string },
): Promise<string | null> {
  const [row] = await db
    .select({ envelope: channels.registrationPinEncrypted })
    .from(channels)
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)));
  return row?.envelope ?? null;
}

/** Why a number with valid access is not usable yet: WhatsApp has not registered it for the Cloud API. */
export const NOT_REGISTERED_REASON =
  "Not registered with WhatsApp Cloud API yet — replies can't be sent.";

export type ConnectedChannelFields = {
  workspaceId: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  accessTokenEncrypted: string;
  tokenExpiresAt: Date | null;
  /** Left as it is when undefined (numbers connected by hand were registered elsewhere). */
  registrationPinEncrypted?: string;
  /** Used only when the channel has no verify token yet: webhooks configured with it keep working. */
  verifyToken: { encrypted: string; hash: string };
  /** False stores the number as pending until it is registered for the Cloud API. */
  registered?: boolean;
};

export type UpsertChannelResult =
  | { ok: true; id: string; created: boolean }
  | { ok: false; reason: "other_workspace" };

/**
 * Creates or reconnects the channel for a phone number. A number connected to another workspace
 * is left untouched and refused, without saying which workspace holds it.
 */
export async function upsertConnectedChannel(
  db: Db,
  f: ConnectedChannelFields,
): Promise<UpsertChannelResult> {
  const now = new Date();
  const registered = f.registered ?? true;
  const fields = {
    wabaId: f.wabaId,
    displayPhoneNumber: f.displayPhoneNumber,
    verifiedName: f.verifiedName,
    qualityRating: f.qualityRating,
    accessTokenEncrypted: f.accessTokenEncrypted,
    tokenExpiresAt: f.tokenExpiresAt,
    ...(f.registrationPinEncrypted !== undefined && {
      registrationPinEncrypted: f.registrationPinEncrypted,
    }),
    status: registered ? ("connected" as const) : ("pending" as const),
    statusReason: registered ? null : NOT_REGISTERED_REASON,
    // A pending number keeps the date it was last connected, if it ever was.
    ...(registered && { connectedAt: now }),
    disconnectedAt: null,
  };
  const [row] = await db
    .insert(channels)
    .values({
      workspaceId: f.workspaceId,
      phoneNumberId: f.phoneNumberId,
      ...fields,
      verifyTokenEncrypted: f.verifyToken.encrypted,
      verifyTokenHash: f.verifyToken.hash,
    })
    .onConflictDoUpdate({
      target: channels.phoneNumberId,
      set: {
        ...fields,
        updatedAt: now,
        verifyTokenEncrypted: sql`coalesce(${channels.verifyTokenEncrypted}, excluded.verify_token_encrypted)`,
        verifyTokenHash: sql`coalesce(${channels.verifyTokenHash}, excluded.verify_token_hash)`,
      },
      setWhere: eq(channels.workspaceId, f.workspaceId),
    })
    // xmax is 0 only for a freshly inserted row version: tells a new number from a reconnection.
    .returning({ id: channels.id, created: sql<boolean>`(xmax = 0)` });
  return row
    ? { ok: true, id: row.id, created: row.created }
    : { ok: false, reason: "other_workspace" };
}

/** What registering a number needs: its state, its token and the PIN Parley set before, if any. */
export async function getChannelRegistration(db: Db, p: { workspaceId: string; id: string }) {
  const [row] = await db
    .select({
      id: channels.id,
      phoneNumberId: channels.phoneNumberId,
      status: channels.status,
      accessTokenEncrypted: channels.accessTokenEncrypted,
      registrationPinEncrypted: channels.registrationPinEncrypted,
    })
    .from(channels)
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)));
  return row ?? null;
}

/**
 * A pending number WhatsApp now reports registered: it becomes connected, keeping the PIN it was
 * registered with (left as it is when undefined: registered elsewhere). Null when the number is
 * no longer pending (disconnected meanwhile, or another request connected it first).
 */
export async function markChannelRegistered(
  db: Db,
  p: { workspaceId: string; id: string; registrationPinEncrypted?: string },
) {
  const [row] = await db
    .update(channels)
    .set({
      status: "connected",
      statusReason: null,
      connectedAt: new Date(),
      ...(p.registrationPinEncrypted !== undefined && {
        registrationPinEncrypted: p.registrationPinEncrypted,
      }),
    })
    .where(
      and(
        eq(channels.id, p.id),
        eq(channels.workspaceId, p.workspaceId),
        eq(channels.status, "pending"),
      ),
    )
    .returning({ id: channels.id, phoneNumberId: channels.phoneNumberId });
  return row ?? null;
}

// A connected number WhatsApp stopped accepting: it leaves "connected" once, with the reason shown
// on the WhatsApp page, so every sender sees it on its next message.
async function flagConnectedChannel(
  db: Db,
  p: { workspaceId: string; channelId: string },
  status: "pending" | "needs_reauth",
  reason: string,
) {
  await db
    .update(channels)
    .set({ status, statusReason: reason })
    .where(
      and(
        eq(channels.id, p.channelId),
        eq(channels.workspaceId, p.workspaceId),
        eq(channels.status, "connected"),
      ),
    );
}

/**
 * Flags a connected number that WhatsApp answered 133010 ("account not registered"): it is kept
 * pending until someone registers it on the WhatsApp page.
 */
export async function markChannelUnregistered(
  db: Db,
  p: { workspaceId: string; channelId: string },
) {
  await flagConnectedChannel(db, p, "pending", NOT_REGISTERED_REASON);
}

/** Flags a number whose token WhatsApp refused (190 and the like), with Meta's code and words. */
export async function markChannelNeedsReauth(
  db: Db,
  p: { workspaceId: string; channelId: string; error: { code: number; message: string } },
) {
  const reason = `WhatsApp refused the access token (${p.error.code}): ${p.error.message}`;
  await flagConnectedChannel(db, p, "needs_reauth", reason);
}

/** Stops all sending: the token is dropped, the number and its history stay. */
export async function disconnectChannel(
  db: Db,
  p: { workspaceId: string; id: string; reason: string },
) {
  const [row] = await db
    .update(channels)
    .set({
      status: "disconnected",
      statusReason: p.reason,
      disconnectedAt: new Date(),
      accessTokenEncrypted: null,
      tokenExpiresAt: null,
    })
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)))
    .returning({ id: channels.id, phoneNumberId: channels.phoneNumberId });
  return row ?? null;
}

/**
 * The number whose templates carry staff alerts: the workspace's first connected number with a
 * WABA (templates belong to the WABA). Display fields only; the token is read where it is used.
 */
export async function findAlertChannel(db: Db, workspaceId: string) {
  const [row] = await db
    .select({
      id: channels.id,
      displayPhoneNumber: channels.displayPhoneNumber,
      phoneNumberId: channels.phoneNumberId,
      wabaId: channels.wabaId,
    })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        eq(channels.status, "connected"),
        sql`${channels.wabaId} is not null`,
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id))
    .limit(1);
  return row ?? null;
}

/** The number's state and encrypted token, read at the moment of sending. */
export async function getChannelCredentials(db: Db, p: { workspaceId: string; channelId: string }) {
  const [row] = await db
    .select({ status: channels.status, accessTokenEncrypted: channels.accessTokenEncrypted })
    .from(channels)
    .where(and(eq(channels.id, p.channelId), eq(channels.workspaceId, p.workspaceId)));
  return row ?? null;
}

/** Marks a channel disconnected by Meta; true only the first time (redeliveries change nothing). */
export async function markChannelRevoked(
  db: Db,
  params: { workspaceId: string; id: string; reason: string },
): Promise<boolean> {
  const rows = await db
    .update(channels)
    .set({ status: "disconnected", statusReason: params.reason, disconnectedAt: new Date() })
    .where(
      and(
        eq(channels.id, params.id),
        eq(channels.workspaceId, params.workspaceId),
        ne(channels.status, "disconnected"),
      ),
    )
    .returning({ id: channels.id });
  return rows.length > 0;
}

/** The business accepted Meta's Marketing Messages terms: marketing templates go that way. */
export async function markMarketingMessagesOnboarded(
  db: Db,
  p: { workspaceId: string; id: string; at: Date },
) {
  await db
    .update(channels)
    .set({
      marketingMessagesAt: sql`coalesce(${channels.marketingMessagesAt}, ${p.at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(channels.id, p.id), eq(channels.workspaceId, p.workspaceId)));
}
