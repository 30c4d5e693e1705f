import { type DatabaseHandle, openDatabase } from "@/db";
import { EnvError, getEnv } from "@/lib/env";

// Opens and migrates the database the environment names, runs fn, and always closes it.
export async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const env = getEnv();
  const handle = env.databaseUrl
    ? openDatabase({ kind: "postgres", url: env.databaseUrl, max: 2 })
    : openDatabase({ kind: "pglite", dataDir: env.pgliteDir });
  try {
    await handle.migrate();
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Runs a command's main, turning expected failures into a message and exit code 1. */
export function runCli(main: () => Promise<number | undefined>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      const known =
        error instanceof EnvError || (error instanceof Error && error.name === "DataDirInUseError");
      console.error(known ? (error as Error).message : error);
      process.exitCode = 1;
    },
  );
}
