import { operate, runCli } from "./database";

// npm run keys:rotate – re-encrypts every stored secret under ENCRYPTION_KEY.
// Run it with the new key in ENCRYPTION_KEY and the old one in ENCRYPTION_KEY_PREVIOUS.
runCli(async () => {
  const { result } = await operate("keys.rotate", {});
  for (const row of result.report) {
    console.log(`${row.context}: ${row.reencrypted} re-encrypted, ${row.total} stored`);
  }
  console.log(`All secrets are now under key ${result.keyId}.`);
  return 0;
});
