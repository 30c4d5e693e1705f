import path from "node:path";

// The embedded-mode control socket lives beside the database; only users who can read the
// data folder can reach it.
export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, "parley.sock");
}
