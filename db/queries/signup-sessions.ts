import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type SignupSteps, signupSessions } from "../schema";

export type SignupSession = typeof signupSessions.$inferSelect;

export async function createSignupSession(
  db: Db,
  p: {
    workspaceId: string;
    createdBy: string | null;
    flow: SignupSession["flow"];
    event?: string | null;
    wabaId?: string | null;
    phoneNumberId?: string | null;
    businessId?: string | null;
    steps?: SignupSteps;
  },
): Promise<SignupSession> {
  const [row] = await db.insert(signupSessions).values(p).returning();
  if (!row) throw new Error("Signup session insert returned nothing");
  return row;
}

export async function getSignupSession(
  db: Db,
  p: { workspaceId: string; id: string },
): Promise<SignupSession | null> {
  const [row] = await db
    .select()
    .from(signupSessions)
    .where(and(eq(signupSessions.id, p.id), eq(signupSessions.workspaceId, p.workspaceId)));
  return row ?? null;
}

export async function latestSignupSession(
  db: Db,
  workspaceId: string,
): Promise<SignupSession | null> {
  const [row] = await db
    .select()
    .from(signupSessions)
    .where(eq(signupSessions.workspaceId, workspaceId))
    .orderBy(desc(signupSessions.createdAt), desc(signupSessions.id))
    .limit(1);
  return row ?? null;
}

export type SignupSessionPatch = Partial<
  Pick<
    SignupSession,
    | "steps"
    | "phoneNumberId"
    | "accessTokenEncrypted"
    | "tokenExpiresAt"
    | "registrationPinEncrypted"
    | "channelId"
    | "completedAt"
  >
>;

export async function updateSignupSession(
  db: Db,
  { workspaceId, id, ...patch }: { workspaceId: string; id: string } & SignupSessionPatch,
): Promise<SignupSession | null> {
  const [row] = await db
    .update(signupSessions)
    .set(patch)
    .where(and(eq(signupSessions.id, id), eq(signupSessions.workspaceId, workspaceId)))
    .returning();
  return row ?? null;
}

/**
 * Drops the token and PIN a signup held while it ran: once its number is connected (the
 * channel keeps its own copies) or disconnected, nothing may use them again.
 */
export async function forgetSignupSecrets(
  db: Db,
  p: { workspaceId: string } & ({ id: string } | { phoneNumberId: string }),
) {
  await db
    .update(signupSessions)
    .set({ accessTokenEncrypted: null, registrationPinEncrypted: null })
    .where(
      and(
        eq(signupSessions.workspaceId, p.workspaceId),
        "id" in p ? eq(signupSessions.id, p.id) : eq(signupSessions.phoneNumberId, p.phoneNumberId),
      ),
    );
}
