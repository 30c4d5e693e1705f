// What WhatsApp lets a business send, by kind of media (Meta's "Supported media types"), and the
// check a file passes before it is uploaded: its type is read from its first bytes, since a
// browser names a file's type from its extension alone.

export type OutboundMediaKind = "image" | "document" | "audio" | "video";

const MB = 1024 * 1024;

export const OUTBOUND_MEDIA_LIMITS: Record<OutboundMediaKind, { maxBytes: number; noun: string }> =
  {
    image: { maxBytes: 5 * MB, noun: "images" },
    document: { maxBytes: 100 * MB, noun: "documents" },
    audio: { maxBytes: 16 * MB, noun: "audio files" },
    video: { maxBytes: 16 * MB, noun: "videos" },
  };

/** Captions go with photos, videos and documents; WhatsApp sends audio without one. */
export const takesCaption = (kind: OutboundMediaKind) => kind !== "audio";

/** Meta's limit on a media caption. */
export const MAX_CAPTION = 1024;

/** How many leading bytes the check reads (a text document is judged on these). */
export const SNIFF_BYTES = 4096;

export const ACCEPTED_FILES =
  "JPEG or PNG images; PDF, Word, Excel, PowerPoint or plain-text documents; AAC, AMR, MP3, M4A or Ogg (Opus) audio; MP4 or 3GP video";

/** The `accept` attribute of the file chooser (the check below still reads the bytes). */
export const ACCEPT_ATTRIBUTE = [
  "image/jpeg",
  "image/png",
  ".pdf",
  ".doc",
  ".docx",
  ".xls",
  ".xlsx",
  ".ppt",
  ".pptx",
  ".txt",
  ".aac",
  ".amr",
  ".mp3",
  ".m4a",
  ".ogg",
  ".opus",
  ".mp4",
  ".3gp",
].join(",");

const OFFICE = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
} as const;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...head.subarray(from, to));
const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";

/** Plain text: no NUL and no other control bytes but tab, line feed, form feed and return. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) return false;
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, head.length - 3));
    return true;
  } catch {
    return false;
  }
}

type Sniffed = { kind: OutboundMediaKind; mimeType: string; label: string };

/**
 * The file's real type, from its first bytes (and, where one container holds several types, its
 * name): null when WhatsApp does not take it. `described` names what it is for the error.
 */
export function sniffMedia(
  head: Uint8Array,
  name: string,
  declared: string,
): Sniffed | { kind: null; described: string } {
  const ext = extensionOf(name);
  if (startsWith(head, [0xff, 0xd8, 0xff]))
    return { kind: "image", mimeType: "image/jpeg", label: "JPEG image" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "image", mimeType: "image/png", label: "PNG image" };
  if (ascii(head, 0, 5) === "%PDF-")
    return { kind: "document", mimeType: "application/pdf", label: "PDF" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === "docx" || ext === "xlsx" || ext === "pptx")
      return { kind: "document", mimeType: OFFICE[ext], label: `.${ext} document` };
    return { kind: null, described: "a ZIP archive" };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === "doc" || ext === "xls" || ext === "ppt")
      return { kind: "document", mimeType: OFFICE[ext], label: `.${ext} document` };
    return { kind: null, described: "an Office file without a .doc, .xls or .ppt name" };
  }
  if (ascii(head, 0, 6) === "#!AMR\n")
    return { kind: "audio", mimeType: "audio/amr", label: "AMR" };
  if (ascii(head, 0, 4) === "OggS") {
    if (ascii(head, 28, 36) === "OpusHead")
      return { kind: "audio", mimeType: "audio/ogg", label: "Ogg Opus audio" };
    return { kind: null, described: "Ogg audio not in the Opus codec" };
  }
  if (ascii(head, 0, 3) === "ID3") return { kind: "audio", mimeType: "audio/mpeg", label: "MP3" };
  if (head[0] === 0xff && head[1] !== undefined && (head[1] & 0xe0) === 0xe0) {
    // MPEG frame sync: layer bits 00 are AAC in an ADTS stream, anything else MP3.
    return (head[1] & 0x06) === 0
      ? { kind: "audio", mimeType: "audio/aac", label: "AAC" }
      : { kind: "audio", mimeType: "audio/mpeg", label: "MP3" };
  }
  if (ascii(head, 4, 8) === "ftyp") {
    const brand = ascii(head, 8, 12);
    if (brand.startsWith("3g"))
      return { kind: "video", mimeType: "video/3gpp", label: "3GP video" };
    if (brand === "qt  ") return { kind: null, described: "a QuickTime (.mov) video" };
    const audio = brand === "M4A " || ext === "m4a" || declared.startsWith("audio/");
    return audio
      ? { kind: "audio", mimeType: "audio/mp4", label: "M4A audio" }
      : { kind: "video", mimeType: "video/mp4", label: "MP4 video" };
  }
  if (ext === "txt" && looksLikeText(head))
    return { kind: "document", mimeType: "text/plain", label: "text document" };
  return { kind: null, described: whatItIs(head, declared) };
}

function whatItIs(head: Uint8Array, declared: string): string {
  if (ascii(head, 0, 4) === "GIF8") return "a GIF image";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "a WebP image";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WAVE") return "a WAV recording";
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return "a WebM or Matroska file";
  if (looksLikeText(head)) return "text not named .txt";
  return declared ? `a file of type ${declared}` : "a file of unknown type";
}

export type MediaCheck =
  | { ok: true; kind: OutboundMediaKind; mimeType: string; label: string }
  | { ok: false; code: "wrong_type" | "too_large" | "empty"; message: string };

const megabytes = (bytes: number) =>
  bytes >= 10 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / MB).toFixed(1)} MB`;

/**
 * Whether WhatsApp takes the file: its real type (from `head`, its first bytes) and its size
 * against Meta's limit for that kind. Refusals say what the file is and what WhatsApp takes.
 */
export function checkOutboundMedia(file: {
  name: string;
  size: number;
  type: string;
  head: Uint8Array;
}): MediaCheck {
  const name = `“${file.name || "The file"}”`;
  if (file.size === 0) return { ok: false, code: "empty", message: `${name} is empty.` };
  const sniffed = sniffMedia(file.head, file.name, file.type.split(";")[0]?.trim() ?? "");
  if (!sniffed.kind) {
    return {
      ok: false,
      code: "wrong_type",
      message: `${name} is ${sniffed.described}, which WhatsApp does not accept. WhatsApp takes ${ACCEPTED_FILES}.`,
    };
  }
  const limit = OUTBOUND_MEDIA_LIMITS[sniffed.kind];
  if (file.size > limit.maxBytes) {
    return {
      ok: false,
      code: "too_large",
      message: `${name} is ${megabytes(file.size)}; WhatsApp takes ${limit.noun} of at most ${limit.maxBytes / MB} MB.`,
    };
  }
  return { ok: true, kind: sniffed.kind, mimeType: sniffed.mimeType, label: sniffed.label };
}
