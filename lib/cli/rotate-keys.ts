import { operate, runCli } from "./database";

// npm run keys:rotate – re-encrypts every stored secret under ENCRYPTION_KEY.
// Run it with the new key in ENCRYPTION_KEY and the old one in ENCRYPTION_KEY_PREVIOUS.
runCli(async () => {
  const { result } = await operate("keys.rotate", {});
  for (const row of result.report) {
    const unreadable = row.unreadable ? `, ${row.unreadable} no key opens` : "";
    console.log(
      `${row.context}: ${row.reencrypted} re-encrypted, ${row.total} stored${unreadable}`,
    );
  }
  if (result.report.some((row) => row.unreadable > 0)) {
    console.error(
      "Some secrets open under neither ENCRYPTION_KEY nor ENCRYPTION_KEY_PREVIOUS; they were left as they are.",
    );
    return 1;
  }
  console.log(`All secrets are now under key ${result.keyId}, bound to their workspace.`);
  return 0;
});
