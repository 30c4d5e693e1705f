import type { Db } from "@/db";
import {
  ENCRYPTED_COLUMNS,
  listEncryptedValues,
  replaceEncryptedValue,
} from "@/db/queries/encrypted-columns";
import type { Keyring } from "./keyring";
import { decryptSecret, encryptSecret, isStale } from "./secrets";

export type RotationReport = { context: string; total: number; reencrypted: number }[];

// Re-encrypts every stored secret that is not under the current key. Safe to run again.
export async function reencryptAll(db: Db, keyring: Keyring): Promise<RotationReport> {
  const report: RotationReport = [];
  for (const target of ENCRYPTED_COLUMNS) {
    const rows = await listEncryptedValues(db, target);
    let reencrypted = 0;
    for (const row of rows) {
      if (!isStale(row.value, keyring)) continue;
      const plaintext = decryptSecret(row.value, keyring, target.context);
      const to = encryptSecret(plaintext, keyring, target.context);
      if (await replaceEncryptedValue(db, target, { key: row.key, from: row.value, to })) {
        reencrypted++;
      }
    }
    report.push({ context: target.context, total: rows.length, reencrypted });
  }
  return report;
}
