import { describe, expect, it } from "vitest";
import { checkOutboundMedia } from "./outbound-media";

const MB = 1024 * 1024;
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const check = (head: Uint8Array, name: string, size = head.length, type = "") =>
  checkOutboundMedia({ head, name, size, type });

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0]);
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ftyp = (brand: string) => bytes([0, 0, 0, 0x20], "ftyp", brand, [0, 0, 0, 0]);
const ogg = (codec: string) => bytes("OggS", new Array(24).fill(0), codec);

describe("checking a file against WhatsApp's types and limits before upload", () => {
  it.each([
    [JPEG, "photo.jpg", "image", "image/jpeg"],
    [PNG, "shelf.png", "image", "image/png"],
    [bytes("%PDF-1.7\n"), "list.pdf", "document", "application/pdf"],
    [
      ZIP,
      "quote.docx",
      "document",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      ZIP,
      "stock.xlsx",
      "document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    [OLE, "old.doc", "document", "application/msword"],
    [OLE, "old.ppt", "document", "application/vnd.ms-powerpoint"],
    [bytes("Opening hours: Mon-Fri 9-18\n"), "hours.txt", "document", "text/plain"],
    [bytes("#!AMR\n"), "note.amr", "audio", "audio/amr"],
    [bytes("ID3", [4, 0]), "song.mp3", "audio", "audio/mpeg"],
    [bytes([0xff, 0xfb, 0x90]), "song.mp3", "audio", "audio/mpeg"],
    [bytes([0xff, 0xf1, 0x50]), "clip.aac", "audio", "audio/aac"],
    [ogg("OpusHead"), "voice.ogg", "audio", "audio/ogg"],
    [ftyp("M4A "), "memo.m4a", "audio", "audio/mp4"],
    [ftyp("isom"), "demo.mp4", "video", "video/mp4"],
    [ftyp("3gp5"), "clip.3gp", "video", "video/3gpp"],
  ] as const)("takes %#: %s as %s (%s)", (head, name, kind, mimeType) => {
    expect(check(head, name)).toMatchObject({ ok: true, kind, mimeType });
  });

  it("reads the bytes, not the name or the browser's type", () => {
    expect(check(bytes("GIF89a", [1, 0]), "sale.png", 10, "image/png")).toEqual({
      ok: false,
      code: "wrong_type",
      message: expect.stringMatching(
        /^“sale\.png” is a GIF image, which WhatsApp does not accept\./,
      ),
    });
    // A PNG named .jpg is still a PNG, sent as one.
    expect(check(PNG, "photo.jpg", 8, "image/jpeg")).toMatchObject({ mimeType: "image/png" });
    expect(check(ZIP, "archive.zip")).toMatchObject({ ok: false, code: "wrong_type" });
    expect(check(bytes("RIFF", [0, 0, 0, 0], "WEBP"), "sticker.webp")).toMatchObject({
      ok: false,
      message: expect.stringContaining("a WebP image"),
    });
    expect(check(ogg("Vorbis"), "old.ogg")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not in the Opus codec"),
    });
    expect(check(ftyp("qt  "), "clip.mov")).toMatchObject({
      ok: false,
      message: expect.stringContaining("QuickTime"),
    });
    // Binary bytes are not a text document, whatever the name.
    expect(check(bytes([0, 1, 2, 3, 0xfe]), "notes.txt")).toMatchObject({ ok: false });
    expect(check(bytes("plain words"), "notes.md")).toMatchObject({
      ok: false,
      message: expect.stringContaining("text not named .txt"),
    });
  });

  it("holds each kind to Meta's size limit, saying the file's size and the limit", () => {
    expect(check(PNG, "a.png", 5 * MB)).toMatchObject({ ok: true });
    expect(check(PNG, "a.png", 5 * MB + 1)).toEqual({
      ok: false,
      code: "too_large",
      message: "“a.png” is 5.0 MB; WhatsApp takes images of at most 5 MB.",
    });
    expect(check(ftyp("isom"), "v.mp4", 16 * MB)).toMatchObject({ ok: true });
    expect(check(ftyp("isom"), "v.mp4", 17 * MB)).toMatchObject({
      message: "“v.mp4” is 17 MB; WhatsApp takes videos of at most 16 MB.",
    });
    expect(check(bytes("#!AMR\n"), "n.amr", 16 * MB + 1)).toMatchObject({ code: "too_large" });
    expect(check(bytes("%PDF-"), "big.pdf", 100 * MB)).toMatchObject({ ok: true });
    expect(check(bytes("%PDF-"), "big.pdf", 100 * MB + 1)).toMatchObject({
      message: "“big.pdf” is 100 MB; WhatsApp takes documents of at most 100 MB.",
    });
    expect(check(new Uint8Array(), "empty.pdf", 0)).toMatchObject({ code: "empty" });
  });
});
