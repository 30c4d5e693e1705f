import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { DEFAULT_RATES_AS_OF } from "@/lib/pricing/default-rates";
import { formatRatesCsv, parseRatesCsv } from "@/lib/pricing/rates-csv";
import { operate, runCli } from "./database";

const USAGE = `Usage:
  npm run meta-rates -- import FILE.csv   replace the rate table with FILE.csv (country,category,price_usd)
  npm run meta-rates -- export            print the rate table in force as CSV, to edit and import
  npm run meta-rates -- reset             go back to the rates shipped with Parley`;

async function importCommand(file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}\nNothing was imported.`);
    return 1;
  }
  const parsed = parseRatesCsv(text);
  if (!parsed.ok) {
    console.error(`${file} has ${parsed.problems.length} problem(s); nothing was imported:`);
    for (const p of parsed.problems) console.error(`  row ${p.row}: ${p.message}`);
    return 1;
  }
  const { result } = await operate("metaRates.import", { rows: parsed.rows });
  console.log(
    `Imported ${result.imported} rate(s). Analytics now estimates Meta's charges from them.`,
  );
  if (!parsed.rows.some((r) => r.country === "other")) {
    console.error(
      'The file has no "other" rows: messages to countries it does not list count as $0.',
    );
  }
  return 0;
}

async function exportCommand(): Promise<number> {
  const { result } = await operate("metaRates.show", {});
  process.stdout.write(formatRatesCsv(result.rows));
  console.error(
    result.source === "operator"
      ? `The operator's table (${result.rows.length} rates).`
      : `The table shipped with Parley: Meta's rates as of ${DEFAULT_RATES_AS_OF} (${result.rows.length} rates).`,
  );
  return 0;
}

async function resetCommand(): Promise<number> {
  const { result } = await operate("metaRates.reset", {});
  console.log(
    result.removed > 0
      ? `Removed the operator's ${result.removed} rate(s); the rates shipped with Parley apply again.`
      : "No operator rate table was imported; the rates shipped with Parley apply.",
  );
  return 0;
}

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: "boolean" } },
  });
  const [command, file, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (command === "import" && file && rest.length === 0) return importCommand(file);
  if (command === "export" && !file) return exportCommand();
  if (command === "reset" && !file) return resetCommand();
  console.error(USAGE);
  return 2;
});
