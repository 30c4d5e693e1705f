import { parseBuffer } from "music-metadata";

/**
 * How long a recording plays, in seconds, read from its container (Ogg, WebM, MP3, MP4, WAV…)
 * by `music-metadata`; null when the file does not say and cannot be measured.
 */
export async function audioSeconds(bytes: Uint8Array, mimeType: string): Promise<number | null> {
  try {
    const meta = await parseBuffer(bytes, { mimeType, size: bytes.byteLength }, { duration: true });
    const seconds = meta.format.duration;
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
  } catch {
    // A file the parser cannot read has no duration to trust; the caller does not transcribe it.
    return null;
  }
}
