import { toFile } from "openai";
import { log } from "@/lib/log";
import { type AiProvider, clientFor, estimateTranscriptionMicros } from "./providers";
import { AiUnavailableError, failureReason, type ProviderFailure } from "./reply";

export type Transcription = {
  text: string;
  provider: string;
  model: string;
  /** The audio's length, what the provider bills by. */
  seconds: number;
  costMicros: number | null;
  failures: ProviderFailure[];
};

// The audio types OpenAI's /audio/transcriptions reads, with the file name extension it expects.
const EXTENSIONS: Record<string, string> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/webm": "webm",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/flac": "flac",
};

/** The file extension a transcription endpoint is given for this type; null: not readable. */
export function transcribableExtension(mimeType: string): string | null {
  const essence = mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  return EXTENSIONS[essence] ?? null;
}

export const DEFAULT_TRANSCRIPTION_TIMEOUT_MS = 60_000;

/**
 * The words of a voice note or audio file, through each provider's OpenAI-compatible
 * `/audio/transcriptions` in turn. Throws `AiUnavailableError` when none answers.
 */
export async function transcribeAudio(
  providers: AiProvider[],
  audio: { bytes: Uint8Array; mimeType: string; seconds: number },
  options: { model: string; timeoutMs?: number },
): Promise<Transcription> {
  const ext = transcribableExtension(audio.mimeType);
  if (!ext) throw new Error(`Audio of type ${audio.mimeType} cannot be transcribed`);
  const failures: ProviderFailure[] = [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TRANSCRIPTION_TIMEOUT_MS;
  for (const provider of providers) {
    try {
      const file = await toFile(audio.bytes, `voice-note.${ext}`, {
        type: audio.mimeType.split(";")[0]?.trim(),
      });
      const result = await clientFor(provider, timeoutMs).audio.transcriptions.create({
        file,
        model: options.model,
        response_format: "json",
      });
      return {
        text: result.text.trim(),
        provider: provider.name,
        model: options.model,
        seconds: audio.seconds,
        costMicros: estimateTranscriptionMicros(options.model, audio.seconds),
        failures,
      };
    } catch (error) {
      log.warn(
        { provider: provider.name, model: options.model, err: error },
        "Transcription failed",
      );
      failures.push({ provider: provider.name, model: options.model, error: failureReason(error) });
    }
  }
  throw new AiUnavailableError(failures);
}
