import { getKeyring } from "@/lib/crypto";
import { reencryptAll } from "@/lib/crypto/rotate";
import { runCli, withDatabase } from "./database";

// npm run keys:rotate – re-encrypts every stored secret under ENCRYPTION_KEY.
// Run it with the new key in ENCRYPTION_KEY and the old one in ENCRYPTION_KEY_PREVIOUS.
runCli(async () => {
  const keyring = getKeyring();
  const report = await withDatabase(({ db }) => reencryptAll(db, keyring));
  for (const row of report) {
    console.log(`${row.context}: ${row.reencrypted} re-encrypted, ${row.total} stored`);
  }
  console.log(`All secrets are now under key ${keyring.current.id}.`);
  return 0;
});
