import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphClient } from "./graph-client";
import { isMediaTooLarge } from "./media-stream";

// Meta's media CDN as a local server that writes a file in 64 KB chunks, only as fast as the test
// lets it, so the test can see where the bytes are while the download is under way.
const CHUNK = 64 * 1024;
type Upload = {
  chunks: number;
  contentLength?: number;
  written: number;
  closedEarly: boolean;
  res?: ServerResponse;
  /** Writes the next `n` chunks (the rest once `n` is omitted) and ends when all are written. */
  write: (n?: number) => void;
};
let upload: Upload;
let base = "";
const redirectHits: string[] = [];
const server = createServer((req, res) => {
  // A redirect to the same host is followed; one to another host (an internal address) is not.
  if (req.url?.startsWith("/hop/")) {
    res.writeHead(302, { location: req.url.slice("/hop".length) }).end();
    return;
  }
  if (req.url === "/away") {
    res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
    return;
  }
  redirectHits.push(req.url ?? "");
  upload.res = res;
  res.on("close", () => {
    if (!res.writableFinished) upload.closedEarly = true;
  });
  res.writeHead(200, {
    "content-type": "video/mp4",
    ...(upload.contentLength !== undefined && { "content-length": upload.contentLength }),
  });
  res.flushHeaders();
});

function newUpload(chunks: number, contentLength?: number): Upload {
  const u: Upload = {
    chunks,
    contentLength,
    written: 0,
    closedEarly: false,
    write(n = chunks) {
      for (let i = 0; i < n && u.written < u.chunks && !u.closedEarly; i++) {
        u.res?.write(Buffer.alloc(CHUNK, u.written % 251));
        u.written++;
      }
      if (u.written === u.chunks) u.res?.end();
    },
  };
  upload = u;
  return u;
}

const client = () =>
  createGraphClient({ baseUrl: base, version: "v25.0", maxRetries: 0, timeoutMs: 2_000 });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("media download stream", () => {
  it("hands over the first bytes while Meta is still sending the rest", async () => {
    const u = newUpload(160, 160 * CHUNK); // 10 MB
    const download = await client().downloadMedia(`${base}/media/1`, "EAAG-t", {
      maxBytes: 100 * 1024 * 1024,
    });
    expect(download.contentLength).toBe(160 * CHUNK);
    expect(u.written).toBe(0);
    u.write(1);
    const reader = download.body.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    // Not buffered: the reader has bytes while 159 of 160 chunks are still unwritten.
    expect(u.written).toBe(1);
    u.write();
    let total = first.value?.byteLength ?? 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) total += r.value.byteLength;
    expect(total).toBe(160 * CHUNK);
  });

  it("follows redirects only on Meta's hosts, and never sends the token elsewhere", async () => {
    const u = newUpload(1, CHUNK);
    const download = client().downloadMedia(`${base}/hop/media/4`, "EAAG-t", { maxBytes: CHUNK });
    await until(() => redirectHits.includes("/media/4"));
    u.write();
    expect((await new Response((await download).body).arrayBuffer()).byteLength).toBe(CHUNK);
    await expect(
      client().downloadMedia(`${base}/away`, "EAAG-t", { maxBytes: CHUNK }),
    ).rejects.toMatchObject({ code: -3, message: expect.stringMatching(/not on one of Meta/) });
    await expect(
      client().downloadMedia("http://169.254.169.254/x", "EAAG-t", { maxBytes: CHUNK }),
    ).rejects.toMatchObject({ code: -3 });
  });

  it("refuses a file announced larger than the cap without reading it", async () => {
    const u = newUpload(160, 160 * CHUNK);
    const refused = client().downloadMedia(`${base}/media/2`, "EAAG-t", { maxBytes: 1024 * 1024 });
    await expect(refused).rejects.toSatisfy(isMediaTooLarge);
    expect(u.written).toBe(0);
    await until(() => u.closedEarly);
  });

  it("cuts a download of unannounced size off once more than the cap has come", async () => {
    // Sent chunked, with no size announced: only the count of bytes that came is believed.
    const u = newUpload(400); // 25 MB if it were all sent
    const download = await client().downloadMedia(`${base}/media/3`, "EAAG-t", {
      maxBytes: 4 * CHUNK,
    });
    const reader = download.body.getReader();
    let received = 0;
    let failure: unknown = null;
    try {
      for (;;) {
        u.write(2);
        const r = await reader.read();
        if (r.done) break;
        received += r.value.byteLength;
      }
    } catch (error) {
      failure = error;
    }
    expect(isMediaTooLarge(failure)).toBe(true);
    expect(received).toBeLessThanOrEqual(4 * CHUNK);
    // The download from Meta is closed too, long before the whole file was written.
    await until(() => u.closedEarly);
    expect(u.written).toBeLessThan(20);
  });
});
