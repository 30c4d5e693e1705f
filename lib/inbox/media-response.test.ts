import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  mediaPresentation,
  mediaResponse,
  mimeEssence,
  parseRange,
  safeFilename,
} from "./media-response";

const file = (messageType: string, contentType: string, filename: string | null = null) => ({
  messageType,
  contentType,
  filename,
  messageId: "0f1e2d3c-0000-4000-8000-000000000000",
});

const body = (chunks: number[][]) => ({
  body: new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new Uint8Array(chunk));
      c.close();
    },
  }),
  size: chunks.flat().length,
});

describe("media presentation", () => {
  it("opens only plain pictures, sound and video of known types in the page", () => {
    expect(mediaPresentation(file("image", "image/png"))).toEqual({
      inline: true,
      contentType: "image/png",
      filename: "image-0f1e2d3c.png",
    });
    expect(mediaPresentation(file("audio", "audio/ogg; codecs=opus"))).toMatchObject({
      inline: true,
      contentType: "audio/ogg",
    });
    expect(mediaPresentation(file("sticker", "image/webp")).inline).toBe(true);
    expect(mediaPresentation(file("video", "video/mp4")).inline).toBe(true);
    // A document downloads whatever it is; so does a picture of an unexpected type.
    expect(mediaPresentation(file("document", "image/png", "scan.png")).inline).toBe(false);
    expect(mediaPresentation(file("image", "image/tiff")).inline).toBe(false);
  });

  it("never serves markup or script under its own type", () => {
    for (const type of [
      "text/html",
      "image/svg+xml",
      "application/xhtml+xml",
      "text/xml",
      "application/javascript",
    ]) {
      expect(mediaPresentation(file("image", type))).toMatchObject({
        inline: false,
        contentType: "application/octet-stream",
      });
    }
    expect(mimeEssence("text/html\r\nx-evil: 1")).toBe("application/octet-stream");
    expect(mimeEssence(null)).toBe("application/octet-stream");
    expect(mediaPresentation(file("document", "application/pdf", "a.pdf")).contentType).toBe(
      "application/pdf",
    );
  });

  it("cleans file names of paths, quotes, controls and direction tricks", () => {
    expect(safeFilename("../../etc/passwd", "x")).toBe("etc_passwd");
    expect(safeFilename('in"voice\\.pdf', "x")).toBe("in_voice_.pdf");
    expect(safeFilename("invoice\u202Efdp.exe", "x")).toBe("invoice_fdp.exe");
    expect(safeFilename("a\r\nContent-Type: text/html", "x")).toBe("a_Content-Type_ text_html");
    expect(safeFilename(".hidden", "x")).toBe("hidden");
    expect(safeFilename("   ", "fallback.bin")).toBe("fallback.bin");
    expect(safeFilename("x".repeat(400), "f")).toHaveLength(150);
  });

  it("gives a header-safe name with the full name in UTF-8", () => {
    expect(contentDisposition("attachment", "Fältbericht (1).pdf")).toBe(
      "attachment; filename=\"F_ltbericht (1).pdf\"; filename*=UTF-8''F%C3%A4ltbericht%20%281%29.pdf",
    );
  });
});

describe("ranges", () => {
  it("reads one byte range, a suffix or an open end", () => {
    expect(parseRange("bytes=0-1", 10)).toEqual({ start: 0, end: 1 });
    expect(parseRange("bytes=4-", 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange("bytes=5-99", 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=10-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,4-5", 10)).toBeNull();
    expect(parseRange("items=0-1", 10)).toBeNull();
    expect(parseRange(null, 10)).toBeNull();
  });

  it("answers 416 for a range past the end", async () => {
    const res = mediaResponse({ ...file("video", "video/mp4"), ...body([[1, 2, 3]]) }, "bytes=9-");
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe("bytes */3");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers a range across chunks by reading only as far as it ends", async () => {
    const pulled: number[] = [];
    const chunks = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]];
    let i = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled.push(i);
        const next = chunks[i++];
        if (next) c.enqueue(new Uint8Array(next));
        else c.close();
      },
    });
    const res = mediaResponse(
      { ...file("video", "video/mp4"), body: source, size: 10 },
      "bytes=2-4",
    );
    expect(res.status).toBe(206);
    expect(res.headers.get("content-length")).toBe("3");
    expect(res.headers.get("content-range")).toBe("bytes 2-4/10");
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([2, 3, 4]);
    expect(Math.max(...pulled)).toBeLessThan(3);
  });

  it("without a known size, streams the whole file and offers no ranges", async () => {
    const res = mediaResponse(
      { ...file("image", "image/png"), body: body([[1, 2], [3]]).body, size: null },
      "bytes=0-0",
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("accept-ranges")).toBeNull();
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});
