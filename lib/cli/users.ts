import { parseArgs } from "node:util";
import { operate, runCli } from "./database";

const USAGE = `Usage:
  npm run users -- reset-password EMAIL   print a one-time link (valid 1 hour) to choose a new password
  npm run users -- sign-out EMAIL         end every session of the account at once`;

const NO_ACCOUNT = "No account has this e-mail address. Nothing was changed.";

async function resetPassword(email: string): Promise<number> {
  const { result } = await operate("users.reset-password", { email });
  if (!result) {
    console.error(NO_ACCOUNT);
    return 1;
  }
  // The link is the output: give it to the account's owner only. Using it signs out everywhere.
  console.log(result.link);
  console.error(
    `Valid once, until ${result.expiresAt}. Setting a password signs the account out everywhere.`,
  );
  return 0;
}

async function signOut(email: string): Promise<number> {
  const { result } = await operate("users.sign-out", { email });
  if (!result) {
    console.error(NO_ACCOUNT);
    return 1;
  }
  console.log(`Ended ${result.ended} session(s).`);
  return 0;
}

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: "boolean" } },
  });
  const [command, email, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (email && rest.length === 0) {
    if (command === "reset-password") return resetPassword(email);
    if (command === "sign-out") return signOut(email);
  }
  console.error(USAGE);
  return 2;
});
