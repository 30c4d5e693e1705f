// How a customer's file is answered to the agent's browser. The bytes come from a stranger, so
// nothing in them may run on Parley's origin: only plain pictures, sound and video of known types
// open in the page; everything else downloads, markup types as opaque bytes, and the sandbox CSP
// and nosniff hold even if a browser ignores the rest.

import { sliceStream } from "@/lib/whatsapp/media-stream";

export type MediaFile = {
  /** The bytes as they arrive from WhatsApp; never held whole. */
  body: ReadableStream<Uint8Array>;
  /** The size WhatsApp announced, when it did. */
  size: number | null;
  /** What WhatsApp says the file is. */
  contentType: string;
  /** The message's WhatsApp type: image, sticker, audio, video, document… */
  messageType: string;
  /** The name the customer gave the file (documents). */
  filename: string | null;
  messageId: string;
};

const INLINE_MESSAGE_TYPES = new Set(["image", "sticker", "audio", "video"]);

const INLINE_TYPES = new Set([
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/gif",
  "audio/ogg",
  "audio/mpeg",
  "audio/mp4",
  "audio/aac",
  "audio/amr",
  "audio/opus",
  "video/mp4",
  "video/3gpp",
  "video/webm",
]);

// Types a browser would interpret as a document or script if it ever rendered them.
const ACTIVE = /html|xml|svg|javascript|ecmascript|json|x-shockwave/;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/opus": "opus",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "video/webm": "webm",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

const TOKEN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The bare type ("audio/ogg" of "audio/ogg; codecs=opus"), or octet-stream when malformed. */
export function mimeEssence(contentType: string | null | undefined): string {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return TOKEN.test(essence) ? essence : "application/octet-stream";
}

/**
 * A file name safe in a header and on disk: no paths, control or direction-changing characters,
 * quotes or characters Windows forbids, and not hidden.
 */
export function safeFilename(name: string | null | undefined, fallback: string): string {
  const cleaned = (name ?? "")
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029"\\/:*?<>|]+/gu, "_")
    .replace(/^[.\s_]+/, "")
    .trim()
    .slice(0, 150)
    .trim();
  return cleaned || fallback;
}

const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/** Whether the browser may show the file in the page, its served type and its name. */
export function mediaPresentation(file: Omit<MediaFile, "body" | "size">) {
  const essence = mimeEssence(file.contentType);
  const inline = INLINE_MESSAGE_TYPES.has(file.messageType) && INLINE_TYPES.has(essence);
  const ext = EXTENSIONS[essence];
  const fallback = `${file.messageType}-${file.messageId.slice(0, 8)}${ext ? `.${ext}` : ""}`;
  return {
    inline,
    contentType: ACTIVE.test(essence) ? "application/octet-stream" : essence,
    filename: safeFilename(file.filename, fallback),
  };
}

type Range = { start: number; end: number } | "unsatisfiable" | null;

/** One `bytes=` range (what players ask for when seeking); anything else means the whole file. */
export function parseRange(header: string | null, size: number): Range {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/**
 * The file as the media route answers it, streamed: whole, or the range asked for when its size
 * is known (players ask for ranges when seeking; without a size, the whole file is the answer).
 */
export function mediaResponse(file: MediaFile, rangeHeader: string | null = null): Response {
  const shown = mediaPresentation(file);
  const headers = new Headers({
    "content-type": shown.contentType,
    "content-disposition": contentDisposition(
      shown.inline ? "inline" : "attachment",
      shown.filename,
    ),
    "cache-control": "private, max-age=3600",
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox",
  });
  const { size } = file;
  if (size === null) return new Response(file.body, { status: 200, headers });
  headers.set("accept-ranges", "bytes");
  const range = parseRange(rangeHeader, size);
  if (range === "unsatisfiable") {
    // None of the file is wanted; how its download ends changes nothing here.
    file.body.cancel().catch(() => undefined);
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (!range) {
    headers.set("content-length", String(size));
    return new Response(file.body, { status: 200, headers });
  }
  headers.set("content-length", String(range.end - range.start + 1));
  headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
  return new Response(sliceStream(file.body, range.start, range.end), { status: 206, headers });
}
