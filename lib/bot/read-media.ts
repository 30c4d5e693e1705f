import type { BotSettingsRow } from "@/db/queries/bot-settings";
import { recordTranscript } from "@/db/queries/messages";
import type { MessageMedia } from "@/db/schema";
import { isAiUnavailable } from "@/lib/ai/reply";
import { transcribableExtension, transcribeAudio } from "@/lib/ai/transcribe";
import {
  DEFAULT_TRANSCRIPTION_MAX_SECONDS,
  DEFAULT_TRANSCRIPTION_MODEL,
} from "@/lib/ai/transcription-model";
import { seesImages } from "@/lib/ai/vision";
import {
  documentKind,
  extractDocumentText,
  isUnreadableDocument,
} from "@/lib/documents/extract-text";
import { fetchMessageMedia } from "@/lib/inbox/fetch-media";
import { log } from "@/lib/log";
import { audioSeconds } from "@/lib/media/audio-duration";
import type { ReplyDeps } from "./deps";
import { DEFAULT_INPUT_CHARS } from "./text";
import { workspaceProviders } from "./workspace-providers";

// WhatsApp's own limits for what a customer sends: 5 MB photos, 16 MB audio. Documents may be
// 100 MB on WhatsApp; the bot reads those up to 20 MB (the rest wait for a person).
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const AUDIO_MAX_BYTES = 16 * 1024 * 1024;
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** What the bot reads of a customer's file before deciding: a voice note's words, a document's text. */
export type MediaReading = "audio" | "document";

/** The result of reading: the text, or why there is none (for the logs, never the customer). */
export type MediaRead = { text: string | null; unread: string | null };

type Settings = Pick<
  BotSettingsRow,
  | "workspaceId"
  | "aiEnabled"
  | "aiProvider"
  | "aiModel"
  | "aiBaseUrl"
  | "aiApiKeyEncrypted"
  | "aiImages"
>;

const transcriptionModel = (deps: Pick<ReplyDeps, "ai">) =>
  deps.ai.transcriptionModel === undefined
    ? DEFAULT_TRANSCRIPTION_MODEL
    : deps.ai.transcriptionModel;

/**
 * What the bot can do with the file of a message of this type: show a photo to a model that sees
 * images, transcribe a voice note, read a document's text. Stickers and videos are not analysed.
 */
export function mediaAbility(
  deps: Pick<ReplyDeps, "ai" | "keyring">,
  settings: Settings,
  message: { type: string; media: MessageMedia | null },
): "image" | MediaReading | null {
  if (!message.media?.id) return null;
  const providers = settings.aiEnabled ? workspaceProviders(deps, settings) : [];
  switch (message.type) {
    case "image":
      return providers.some(seesImages) ? "image" : null;
    case "audio":
      return providers.length > 0 &&
        transcriptionModel(deps) !== null &&
        transcribableExtension(message.media.mimeType ?? "") !== null
        ? "audio"
        : null;
    case "document":
      return documentKind({ mimeType: message.media.mimeType, fileName: message.media.filename })
        ? "document"
        : null;
    default:
      return null;
  }
}

const fetchBytes = async (
  deps: Pick<ReplyDeps, "db" | "graph" | "keyring">,
  p: { workspaceId: string; messageId: string; maxBytes: number },
) => {
  const fetched = await fetchMessageMedia(deps, p);
  if (!fetched.ok) return { ok: false as const, reason: fetched.reason };
  return {
    ok: true as const,
    bytes: new Uint8Array(await new Response(fetched.file.body).arrayBuffer()),
    mimeType: fetched.file.contentType,
  };
};

/**
 * Reads a customer's voice note (transcribed, the transcript kept on the message with its model,
 * length and cost) or document (its text, up to what the bot reads of any message).
 */
export async function readMedia(
  deps: ReplyDeps,
  p: { workspaceId: string; messageId: string; settings: Settings; media: MessageMedia },
  what: MediaReading,
): Promise<MediaRead> {
  const maxChars = deps.inputChars ?? DEFAULT_INPUT_CHARS;
  if (what === "document") {
    const file = await fetchBytes(deps, { ...p, maxBytes: DOCUMENT_MAX_BYTES });
    if (!file.ok) return { text: null, unread: file.reason };
    try {
      const read = await extractDocumentText(
        file.bytes,
        { mimeType: p.media.mimeType ?? file.mimeType, fileName: p.media.filename ?? null },
        { maxChars },
      );
      return { text: read.pages.join("\n\n").trim() || null, unread: null };
    } catch (error) {
      if (!isUnreadableDocument(error)) throw error;
      return { text: null, unread: error.reason };
    }
  }
  const model = transcriptionModel(deps);
  if (!model) return { text: null, unread: "transcription_off" };
  const file = await fetchBytes(deps, { ...p, maxBytes: AUDIO_MAX_BYTES });
  if (!file.ok) return { text: null, unread: file.reason };
  const mimeType = p.media.mimeType ?? file.mimeType;
  const seconds = await audioSeconds(file.bytes, mimeType);
  const maxSeconds = deps.ai.transcriptionMaxSeconds ?? DEFAULT_TRANSCRIPTION_MAX_SECONDS;
  if (seconds === null) return { text: null, unread: "unknown_length" };
  if (seconds > maxSeconds) return { text: null, unread: "too_long" };
  const providers = workspaceProviders(deps, p.settings);
  try {
    const heard = await transcribeAudio(
      providers,
      { bytes: file.bytes, mimeType, seconds },
      { model },
    );
    await recordTranscript(deps.db, {
      workspaceId: p.workspaceId,
      messageId: p.messageId,
      transcript: heard.text,
      model: heard.model,
      seconds: heard.seconds,
      costMicros: heard.costMicros,
    });
    return { text: heard.text || null, unread: heard.text ? null : "silent" };
  } catch (error) {
    if (!isAiUnavailable(error)) throw error;
    log.warn({ messageId: p.messageId, failures: error.failures }, "Transcription unavailable");
    return { text: null, unread: "transcription_failed" };
  }
}

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

/**
 * A customer's photo as a data URL for the model, fetched from WhatsApp with the number's token;
 * null when WhatsApp does not hand it over or it is not a picture a model reads.
 */
export async function fetchImage(
  deps: Pick<ReplyDeps, "db" | "graph" | "keyring">,
  p: { workspaceId: string; messageId: string },
): Promise<{ dataUrl: string } | null> {
  const file = await fetchBytes(deps, { ...p, maxBytes: IMAGE_MAX_BYTES });
  if (!file.ok) {
    log.warn(
      { messageId: p.messageId, reason: file.reason },
      "The customer's photo was not fetched",
    );
    return null;
  }
  const type = file.mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!IMAGE_TYPES.has(type)) return null;
  return { dataUrl: `data:${type};base64,${Buffer.from(file.bytes).toString("base64")}` };
}
