import { existsSync } from "node:fs";
import { openDatabase } from "@/db";
import { DataDirInUseError } from "@/db/data-dir-lock";
import { callControlServer } from "@/lib/control/client";
import {
  type OperationArgs,
  type OperationName,
  type OperationResult,
  runOperation,
} from "@/lib/control/operations";
import { controlSocketPath } from "@/lib/control/socket";
import { EnvError, getEnv } from "@/lib/env";
import { safeError } from "@/lib/log";

export type Where = "postgres" | "embedded" | "running server";

/**
 * Runs an operator command against the configured database. In embedded mode, when a server
 * already holds the database, the command is handed to that server instead.
 */
export async function operate<N extends OperationName>(
  name: N,
  args: OperationArgs<N>,
): Promise<{ result: OperationResult<N>; where: Where }> {
  const env = getEnv();
  let handle: ReturnType<typeof openDatabase>;
  try {
    handle = env.databaseUrl
      ? openDatabase({ kind: "postgres", url: env.databaseUrl, max: 2 })
      : openDatabase({ kind: "pglite", dataDir: env.pgliteDir });
  } catch (error) {
    const socket = controlSocketPath(env.dataDir);
    if (error instanceof DataDirInUseError && existsSync(socket)) {
      return { result: await callControlServer(socket, name, args), where: "running server" };
    }
    throw error;
  }
  try {
    await handle.migrate();
    const result = await runOperation(handle.db, name, args);
    return { result, where: handle.kind === "postgres" ? "postgres" : "embedded" };
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
      const known = error instanceof EnvError || error instanceof DataDirInUseError;
      // A database error carries its query's parameters (tokens, customer text): only a summary.
      console.error(known ? (error as Error).message : JSON.stringify(safeError(error), null, 2));
      process.exitCode = 1;
    },
  );
}
