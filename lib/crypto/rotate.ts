import type { Db } from "@/db";
import {
  countEncryptedValues,
  ENCRYPTED_COLUMNS,
  listStaleEncryptedValues,
  replaceEncryptedValue,
} from "@/db/queries/encrypted-columns";
import type { Keyring } from "./keyring";
import {
  currentPrefix,
  decryptForReencryption,
  encryptSecret,
  isSecretDecryptionError,
  LEGACY_PREFIX,
} from "./secrets";

export type RotationReport = {
  context: string;
  total: number;
  reencrypted: number;
  /** Values no key in the keyring opens: left as they are, and refused when used. */
  unreadable: number;
}[];

export type ReencryptOptions = {
  /** "legacy": only envelopes from before workspace binding (v1). "all": also those under a previous key. */
  scope?: "legacy" | "all";
  batchSize?: number;
};

/**
 * Re-encrypts stored secrets as current envelopes under the current key, bound to the workspace
 * (or row) they sit in, in batches. Safe to run again and in several processes at once: each
 * write is a compare-and-set on the old value, so the loser of a race leaves the winner's value.
 */
export async function reencryptAll(
  db: Db,
  keyring: Keyring,
  options: ReencryptOptions = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  const only = options.scope === "legacy" ? LEGACY_PREFIX : undefined;
  const report: RotationReport = [];
  for (const target of ENCRYPTED_COLUMNS) {
    let reencrypted = 0;
    let unreadable = 0;
    let after: string | null = null;
    for (;;) {
      const rows = await listStaleEncryptedValues(db, target, {
        keep: currentPrefix(keyring),
        only,
        after,
        limit: batchSize,
      });
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = decryptForReencryption(row.value, keyring, target.context, row.owner);
        } catch (error) {
          if (!isSecretDecryptionError(error)) throw error;
          unreadable++;
          continue;
        }
        const to = encryptSecret(plaintext, keyring, target.context, row.owner);
        if (await replaceEncryptedValue(db, target, { key: row.key, from: row.value, to })) {
          reencrypted++;
        }
      }
      if (rows.length < batchSize) break;
      after = rows[rows.length - 1]?.key ?? null;
    }
    const total = await countEncryptedValues(db, target);
    report.push({ context: target.context, total, reencrypted, unreadable });
  }
  return report;
}
