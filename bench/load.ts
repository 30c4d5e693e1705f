import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export type LoadResult = {
  sent: number;
  ok: number;
  failed: number;
  seconds: number;
  latencies: number[];
};

type Make = (i: number) => { path: string; body: string; headers: Record<string, string> };

/** Sends `total` POSTs with `concurrency` in flight over keep-alive connections to localhost. */
export async function load(
  port: number,
  total: number,
  concurrency: number,
  make: Make,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const { path, body, headers } = make(i);
      const start = performance.now();
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          agent,
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - start);
            if (res.statusCode !== undefined && res.statusCode < 300) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { sent: total, ok, failed, seconds, latencies: latencies.sort((a, b) => a - b) };
}
