import { and, asc, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { invitations, memberships, users, workspaces } from "../schema";
import type { Role } from "./memberships";
import { normalizeEmail } from "./users";

const pending = (now: Date) =>
  and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );

/**
 * Stores a new invitation (only the token's hash). An earlier pending invitation for the same
 * address is revoked in the same transaction, so only the latest link works.
 */
export async function createInvitation(
  db: Db,
  p: {
    workspaceId: string;
    email: string;
    role: Role;
    tokenHash: string;
    /** Null for an invitation the operator's tenant import issues (`byOperator`). */
    invitedBy: string | null;
    byOperator?: boolean;
    expiresAt: Date;
  },
) {
  const email = normalizeEmail(p.email);
  return db.transaction(async (tx) => {
    const now = new Date();
    const replaced = await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.workspaceId, p.workspaceId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    const [row] = await tx
      .insert(invitations)
      .values({ ...p, email })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
    if (!row) throw new Error("Invitation insert returned nothing");
    return { ...row, replaced: replaced.length };
  });
}

export async function listPendingInvitations(db: Db, p: { workspaceId: string; now?: Date }) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.workspaceId, p.workspaceId), pending(p.now ?? new Date())))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
}

/**
 * Revokes a pending invitation of this workspace for one of `roles` (those the actor may give);
 * null when there is none.
 */
export async function revokeInvitation(
  db: Db,
  p: { workspaceId: string; id: string; roles: Role[] },
) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, p.workspaceId),
        eq(invitations.id, p.id),
        inArray(invitations.role, p.roles),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  return row ?? null;
}

/**
 * The invitation behind a link, whatever its state, with its workspace. The token is the only
 * key a person holding a link has, so this lookup is the one not scoped by workspace.
 */
export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      invitedBy: invitations.invitedBy,
      byOperator: invitations.byOperator,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, tokenHash));
  return row ?? null;
}

export type InvitationRecord = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

/**
 * Accepts a still-valid invitation for the user with the invited address: marks it accepted and
 * adds the membership with the invited role, together. Null when it was accepted, revoked or
 * expired meanwhile; the condition sits in the UPDATE, so of two concurrent accepts one wins.
 * Someone already a member keeps their role: an invitation never demotes (an owner accepting an
 * agent invitation must not leave the workspace without owners).
 */
export async function acceptInvitation(
  db: Db,
  p: { workspaceId: string; id: string; userId: string; email: string; now?: Date },
) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [accepted] = await tx
      .update(invitations)
      .set({ acceptedAt: now })
      .where(
        and(
          eq(invitations.workspaceId, p.workspaceId),
          eq(invitations.id, p.id),
          eq(invitations.email, normalizeEmail(p.email)),
          pending(now),
        ),
      )
      .returning({ role: invitations.role });
    if (!accepted) return null;
    const joined = await tx
      .insert(memberships)
      .values({ workspaceId: p.workspaceId, userId: p.userId, role: accepted.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    return { role: accepted.role, joined: joined.length > 0 };
  });
}

/** The workspace's pending invitation issued by the operator for this address, if any. */
export async function findPendingOperatorInvitation(
  db: Db,
  p: { workspaceId: string; email: string; now?: Date },
) {
  const [row] = await db
    .select({ id: invitations.id, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, p.workspaceId),
        eq(invitations.email, normalizeEmail(p.email)),
        eq(invitations.byOperator, true),
        pending(p.now ?? new Date()),
      ),
    );
  return row ?? null;
}

/**
 * Revokes the operator's pending invitations of the workspace for any other address: the import
 * file names one owner, and a link it issued for an earlier one stops working.
 */
export async function revokeOtherOperatorInvitations(
  db: Db,
  p: { workspaceId: string; email: string },
) {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, p.workspaceId),
        eq(invitations.byOperator, true),
        ne(invitations.email, normalizeEmail(p.email)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id, email: invitations.email });
  return revoked;
}
