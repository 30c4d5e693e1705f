import { randomBytes } from "node:crypto";
import type { Database, Db } from "@/db";
import { createApiKey, revokeAllApiKeys } from "@/db/queries/api-keys";
import { recordAudit } from "@/db/queries/audit-log";
import { type BotSettingsInput, upsertBotSettings } from "@/db/queries/bot-settings";
import { createChannel, findChannelByPhoneNumberId, updateChannel } from "@/db/queries/channels";
import type { SecretContext } from "@/db/queries/encrypted-columns";
import { upsertFaqs } from "@/db/queries/faqs";
import { addMembership } from "@/db/queries/memberships";
import { createWorkspace, findTakenSlugs, renameWorkspace } from "@/db/queries/workspaces";
import { generateApiKey } from "@/lib/crypto/api-keys";
import { sha256Hex } from "@/lib/crypto/hash";
import type { Keyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { TenantImport, TenantImportWorkspace } from "@/lib/validations/tenant-import";
import { type InviteDeps, inviteDepsFromEnv } from "@/lib/workspaces/invitations";
import { inviteImportedOwner, mailOwnerInvitation, type OwnerInvitation } from "./invite-owner";
import { firstFreeSlug, slugify } from "./slug";

export type ImportedWorkspace = {
  id: string;
  name: string;
  phoneNumberId: string;
  created: boolean;
  apiKey: string | null;
  /** The owner's new invitation link, when the file names an owner and one was issued. */
  inviteUrl: string | null;
  owner: OwnerInvitation | null;
};

type Options = {
  keyring: Keyring;
  rotateKeys?: boolean;
  /** Made owner of every workspace the import creates (the sandbox's demo businesses). */
  ownerId?: string;
  /** Where invitation links point and how they are mailed; from the environment by default. */
  invites?: InviteDeps;
  /** Issue fresh owner invitations even where an earlier import's link still works. */
  reinvite?: boolean;
};

function botFields(bot: TenantImportWorkspace["bot"]): BotSettingsInput {
  return Object.fromEntries(
    Object.entries(bot ?? {}).filter(([, v]) => v !== undefined),
  ) as BotSettingsInput;
}

async function issueApiKey(tx: Db, workspaceId: string): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await createApiKey(tx, { workspaceId, name: "Imported", prefix, keyHash: hash });
  return key;
}

async function importOne(
  tx: Db,
  ws: TenantImportWorkspace,
  { keyring, rotateKeys, ownerId, invites, reinvite }: Options & { invites: InviteDeps },
): Promise<ImportedWorkspace> {
  const { whatsapp } = ws;
  const secrets = (workspaceId: string) => ({
    ...(whatsapp.accessToken && {
      accessTokenEncrypted: encryptSecret(
        whatsapp.accessToken,
        keyring,
        "channels.access_token" satisfies SecretContext,
        workspaceId,
      ),
      status: "connected" as const,
      connectedAt: new Date(),
    }),
  });
  const verifyToken = (workspaceId: string, existingVerify: boolean) => {
    const token =
      whatsapp.verifyToken ?? (existingVerify ? undefined : randomBytes(18).toString("base64url"));
    return token
      ? {
          verifyTokenEncrypted: encryptSecret(
            token,
            keyring,
            "channels.verify_token" satisfies SecretContext,
            workspaceId,
          ),
          verifyTokenHash: sha256Hex(token),
        }
      : {};
  };
  const details = {
    ...(whatsapp.wabaId && { wabaId: whatsapp.wabaId }),
    ...(whatsapp.displayPhoneNumber && { displayPhoneNumber: whatsapp.displayPhoneNumber }),
  };

  const existing = await findChannelByPhoneNumberId(tx, whatsapp.phoneNumberId);
  let workspaceId: string;
  let apiKey: string | null = null;
  if (existing) {
    workspaceId = existing.workspaceId;
    await renameWorkspace(tx, { workspaceId, name: ws.name });
    await updateChannel(tx, {
      workspaceId,
      id: existing.id,
      ...details,
      ...secrets(workspaceId),
      ...verifyToken(workspaceId, true),
    });
    if (rotateKeys) {
      await revokeAllApiKeys(tx, { workspaceId });
      apiKey = await issueApiKey(tx, workspaceId);
    }
  } else {
    const base = slugify(ws.name);
    const slug = firstFreeSlug(base, await findTakenSlugs(tx, base));
    workspaceId = (await createWorkspace(tx, { name: ws.name, slug })).id;
    await createChannel(tx, {
      workspaceId,
      phoneNumberId: whatsapp.phoneNumberId,
      ...details,
      ...secrets(workspaceId),
      ...verifyToken(workspaceId, false),
    });
    apiKey = await issueApiKey(tx, workspaceId);
    if (ownerId) await addMembership(tx, { workspaceId, userId: ownerId, role: "owner" });
  }
  const owner = ws.ownerEmail
    ? await inviteImportedOwner(tx, {
        workspaceId,
        email: ws.ownerEmail,
        appUrl: invites.appUrl,
        reinvite: reinvite ?? false,
      })
    : null;
  await upsertBotSettings(tx, { workspaceId, ...botFields(ws.bot) });
  await upsertFaqs(tx, { workspaceId, faqs: ws.faqs ?? [] });
  await recordAudit(tx, {
    workspaceId,
    actorType: "cli",
    action: existing ? "tenant.updated" : "tenant.created",
    target: whatsapp.phoneNumberId,
    details: {
      accessTokenChanged: Boolean(whatsapp.accessToken),
      verifyTokenChanged: Boolean(whatsapp.verifyToken),
      faqs: ws.faqs?.length ?? 0,
      apiKeyIssued: apiKey !== null,
      ...(owner && { ownerInvitation: owner.state }),
    },
  });
  return {
    id: workspaceId,
    name: ws.name,
    phoneNumberId: whatsapp.phoneNumberId,
    created: !existing,
    apiKey,
    inviteUrl: owner?.link ?? null,
    owner,
  };
}

// Creates or updates every workspace of a validated file in one transaction: all or nothing.
export async function importTenants(
  db: Database,
  file: TenantImport,
  options: Options,
): Promise<ImportedWorkspace[]> {
  const invites =
    options.invites ??
    (file.workspaces.some((w) => w.ownerEmail) ? inviteDepsFromEnv() : { appUrl: "", smtp: null });
  const results = await db.transaction(async (tx) => {
    const done: ImportedWorkspace[] = [];
    for (const ws of file.workspaces) done.push(await importOne(tx, ws, { ...options, invites }));
    return done;
  });
  for (const r of results) {
    if (r.owner) {
      r.owner.emailed = await mailOwnerInvitation(invites, {
        workspaceName: r.name,
        invitation: r.owner,
      });
    }
  }
  return results;
}
