import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { describeImportProblem, validateTenantImport } from "@/lib/validations/tenant-import";
import { operate, runCli } from "./database";

const USAGE = `Usage:
  npm run tenants -- import FILE.json [--rotate-keys] [--reinvite]
                                  create or update workspaces from FILE.json; --rotate-keys
                                  issues new API keys, --reinvite new owner invitation links
  npm run tenants -- list         one line per workspace`;

async function readJson(
  file: string,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, error: `Cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, error: `${file} is not valid JSON: ${(error as Error).message}` };
  }
}

async function importCommand(
  file: string,
  options: { rotateKeys: boolean; reinvite: boolean },
): Promise<number> {
  const json = await readJson(file);
  if (!json.ok) {
    console.error(`${json.error}\nNothing was imported.`);
    return 1;
  }
  const checked = validateTenantImport(json.value);
  if (!checked.ok) {
    console.error(`${file} has ${checked.problems.length} problem(s); nothing was imported:`);
    for (const p of checked.problems) console.error(`  ${describeImportProblem(p)}`);
    return 1;
  }
  const { result: workspaces } = await operate("tenants.import", {
    file: checked.data,
    ...options,
  });
  console.log(JSON.stringify({ workspaces }, null, 2));
  for (const w of workspaces) {
    if (w.owner?.invitation === "pending") {
      console.error(
        `${w.name}: ${w.owner.email} has an invitation from an earlier import, valid until ${w.owner.expiresAt}; run again with --reinvite for a fresh link (the earlier one stops working).`,
      );
    } else if (w.owner?.invitation === "invited" && !w.owner.emailed) {
      console.error(`${w.name}: give ${w.owner.email} the inviteUrl above (no e-mail was sent).`);
    }
  }
  return 0;
}

async function listCommand(): Promise<number> {
  const { result: rows } = await operate("tenants.list", {});
  for (const r of rows) {
    console.log(
      [r.id, r.name, r.phoneNumberId ?? "-", r.channelStatus ?? "not connected"].join("\t"),
    );
  }
  if (rows.length === 0)
    console.error("No workspaces yet. Import some with: npm run tenants -- import FILE.json");
  return 0;
}

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      "rotate-keys": { type: "boolean", default: false },
      reinvite: { type: "boolean", default: false },
      help: { type: "boolean" },
    },
  });
  const [command, file, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (command === "import" && file && rest.length === 0)
    return importCommand(file, { rotateKeys: values["rotate-keys"], reinvite: values.reinvite });
  if (command === "list" && !file) return listCommand();
  console.error(USAGE);
  return 2;
});
