import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/db";
import { handleGraphRequest } from "@/lib/sandbox/graph-emulator";
import { testKeyring } from "./fixtures";

export type RawCall = { method: string; path: string; authorization: string; raw: string };
export type Intercepted = { status: number; body: unknown };

/**
 * The Graph API emulator behind a local HTTP server, as graph.facebook.com would be. Each call
 * is shown to `onCall` first, which may answer it instead (a scripted Meta error).
 */
export async function startGraphEmulatorServer(p: {
  db: Database;
  app: { appId: string; appSecret: string };
  onCall: (call: RawCall) => Intercepted | undefined;
  /** How long submitted templates wait for the emulated review (asked at each call); 0 approves at once. */
  templateReviewMs?: () => number;
  /** Serve media downloads too, as Meta's CDN would. */
  serveMedia?: boolean;
}) {
  // With `serveMedia`, media URLs point back here, under the path the app serves the emulator
  // on; without, at a host of the caller's own (which answers them in process).
  let base = "";
  const server = createServer((req, res) => {
    // Kept as bytes: a media upload carries a binary file.
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      chunks.push(c);
    });
    req.on("end", async () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString("utf8");
      const answer = p.onCall({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization ?? "",
        raw,
      });
      if (answer) {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
        return;
      }
      const url = `http://127.0.0.1${req.url}`;
      const response = await handleGraphRequest(
        new Request(url, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          ...(bytes.length > 0 && { body: new Uint8Array(bytes) }),
        }),
        new URL(url).pathname
          .replace(/^\/sandbox\/graph(?=\/)/, "")
          .split("/")
          .filter(Boolean),
        {
          db: p.db,
          keyring: testKeyring,
          appUrl: p.serveMedia ? base : "http://127.0.0.1:9",
          app: p.app,
          // Status webhooks are not sent back here; tests post them when they need them.
          later: () => {},
          templateReviewMs: p.templateReviewMs?.() ?? 0,
        },
      );
      // Media downloads are bytes, answered as they are with their type and size.
      res.writeHead(response.status, {
        "content-type": response.headers.get("content-type") ?? "application/json",
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
