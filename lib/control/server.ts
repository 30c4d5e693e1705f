import { chmodSync, existsSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { Database } from "@/db";
import { log, safeError } from "@/lib/log";
import { type OperationName, operations, runOperation } from "./operations";
import { controlSocketPath } from "./socket";

const MAX_BODY = 50 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("request too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isOperation(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/** Serves operator commands over a Unix socket while this process holds the embedded database. */
export function startControlServer(dataDir: string, getDb: () => Promise<Database>): () => void {
  const socketPath = controlSocketPath(dataDir);
  // This process holds the data directory lock, so any socket file left here is stale.
  if (existsSync(socketPath)) rmSync(socketPath);
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const name = (req.url ?? "").replace(/^\/operations\//, "");
    if (req.method !== "POST" || !isOperation(name))
      return send(404, { error: "unknown operation" });
    try {
      const args: unknown = JSON.parse(await readBody(req));
      const result = await runOperation(await getDb(), name, args as never);
      send(200, { result });
    } catch (error) {
      log.error({ operation: name, err: error }, "Operator command failed");
      // The operator's terminal gets the summary too: a database error's parameters are secrets.
      send(500, { error: safeError(error).message });
    }
  });
  server.listen(socketPath, () => chmodSync(socketPath, 0o600));
  server.unref();
  const close = () => {
    server.close();
    rmSync(socketPath, { force: true });
  };
  process.once("exit", close);
  return close;
}
