import { z } from "zod";
import type { Database } from "@/db";
import {
  clearMetaRates,
  listMetaRates,
  type MetaRateRow,
  replaceMetaRates,
} from "@/db/queries/meta-rates";
import { findUserByEmail } from "@/db/queries/users";
import { listAllWorkspacesWithChannels } from "@/db/queries/workspaces";
import { createPasswordResetLink } from "@/lib/account/password-reset";
import { endAllSessions } from "@/lib/auth/sessions";
import { getKeyring } from "@/lib/crypto";
import { reencryptAll } from "@/lib/crypto/rotate";
import { getEnv } from "@/lib/env";
import { DEFAULT_RATES } from "@/lib/pricing/default-rates";
import { importTenants } from "@/lib/tenants/import-tenants";
import { tenantImportSchema } from "@/lib/validations/tenant-import";

// Operator commands, run either by the command line on its own database connection or,
// when a server holds the embedded database, by that server on the command line's behalf.
export const operations = {
  "tenants.import": {
    args: z.object({
      file: tenantImportSchema,
      rotateKeys: z.boolean(),
      reinvite: z.boolean().default(false),
    }),
    run: async (
      db: Database,
      args: { file: z.infer<typeof tenantImportSchema>; rotateKeys: boolean; reinvite: boolean },
    ) => {
      const results = await importTenants(db, args.file, {
        keyring: getKeyring(),
        rotateKeys: args.rotateKeys,
        reinvite: args.reinvite,
      });
      return results.map(({ id, name, phoneNumberId, apiKey, inviteUrl, owner }) => ({
        id,
        name,
        phoneNumberId,
        apiKey,
        ...(owner && {
          inviteUrl,
          owner: {
            email: owner.email,
            invitation: owner.state,
            expiresAt: owner.expiresAt?.toISOString() ?? null,
            emailed: owner.emailed,
          },
        }),
      }));
    },
  },
  "tenants.list": {
    args: z.object({}),
    run: (db: Database) => listAllWorkspacesWithChannels(db),
  },
  "keys.rotate": {
    args: z.object({}),
    run: async (db: Database) => ({
      keyId: getKeyring().current.id,
      report: await reencryptAll(db, getKeyring()),
    }),
  },
  // For operators without SMTP: a one-time link (under the server's APP_URL) to hand over.
  "users.reset-password": {
    args: z.object({ email: z.string().min(1) }),
    run: async (db: Database, args: { email: string }) => {
      const made = await createPasswordResetLink(db, args.email, getEnv().appUrl);
      return made ? { link: made.link, expiresAt: made.expiresAt.toISOString() } : null;
    },
  },
  "users.sign-out": {
    args: z.object({ email: z.string().min(1) }),
    run: async (db: Database, args: { email: string }) => {
      const user = await findUserByEmail(db, args.email);
      return user ? { ended: await endAllSessions(db, user.id) } : null;
    },
  },
  // The operator's table of Meta's rates; the rows were checked by the command line first.
  "metaRates.import": {
    args: z.object({
      rows: z
        .array(
          z.object({
            country: z.string().min(1).max(10),
            category: z.string().min(1).max(60),
            priceMicros: z.number().int().nonnegative(),
          }),
        )
        .min(1),
    }),
    run: async (db: Database, args: { rows: MetaRateRow[] }) => {
      await replaceMetaRates(db, args.rows);
      return { imported: args.rows.length };
    },
  },
  "metaRates.show": {
    args: z.object({}),
    run: async (db: Database) => {
      const rows = await listMetaRates(db);
      return rows.length > 0
        ? { source: "operator" as const, rows }
        : { source: "default" as const, rows: DEFAULT_RATES };
    },
  },
  "metaRates.reset": {
    args: z.object({}),
    run: async (db: Database) => ({ removed: await clearMetaRates(db) }),
  },
  "db.migrate": {
    args: z.object({}),
    run: async () => ({ migrated: true }),
  },
} as const;

export type OperationName = keyof typeof operations;
export type OperationArgs<N extends OperationName> = z.infer<(typeof operations)[N]["args"]>;
export type OperationResult<N extends OperationName> = Awaited<
  ReturnType<(typeof operations)[N]["run"]>
>;

export async function runOperation<N extends OperationName>(
  db: Database,
  name: N,
  args: OperationArgs<N>,
): Promise<OperationResult<N>> {
  const op = operations[name];
  const parsed = op.args.parse(args);
  return (op.run as (db: Database, a: typeof parsed) => Promise<OperationResult<N>>)(db, parsed);
}
