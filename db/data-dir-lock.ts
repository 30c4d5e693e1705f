import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// The embedded database is a directory that only one process may open at a time;
// a second opener would corrupt it. A pid file turns that into a clear error.
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, "parley.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (owner === process.pid) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is already open in this process`,
      );
    }
    if (Number.isInteger(owner) && isAlive(owner)) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is in use by process ${owner} (is \`npm run dev\` or \`npm start\` running?). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new DataDirInUseError(`Could not lock the embedded database in ${dataDir}`);
}
