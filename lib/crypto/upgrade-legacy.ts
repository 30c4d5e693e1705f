import type { Db } from "@/db";
import { getKeyring } from "./index";
import type { Keyring } from "./keyring";
import { reencryptAll } from "./rotate";

/**
 * Re-encrypts secrets stored before they were bound to their workspace (v1 envelopes), so the app,
 * which refuses v1, can use them. Runs at every start; with nothing to upgrade it is one cheap
 * query per secret column. Secrets under a previous key stay until `npm run keys:rotate`.
 */
export async function upgradeLegacySecrets(db: Db, keyring: Keyring = getKeyring()) {
  const report = await reencryptAll(db, keyring, { scope: "legacy" });
  const upgraded = report.reduce((n, r) => n + r.reencrypted, 0);
  const unreadable = report.reduce((n, r) => n + r.unreadable, 0);
  if (upgraded > 0) console.log(`Bound ${upgraded} stored secrets to their workspace.`);
  if (unreadable > 0) {
    console.warn(
      `${unreadable} stored secrets open under neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS; they stay unusable.`,
    );
  }
  return report;
}
