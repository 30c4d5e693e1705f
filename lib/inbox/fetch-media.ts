import type { Database } from "@/db";
import { markChannelNeedsReauth } from "@/db/queries/channels";
import { getMessageMedia } from "@/db/queries/inbox-thread";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import { log } from "@/lib/log";
import type { GraphClient } from "@/lib/whatsapp/graph-client";
import { isGraphError } from "@/lib/whatsapp/graph-errors";
import { byteCount, isMediaTooLarge } from "@/lib/whatsapp/media-stream";
import type { MediaFile } from "./media-response";

export type MediaDeps = {
  db: Database;
  graph: Pick<GraphClient, "getMedia" | "downloadMedia">;
  keyring: Keyring;
};

export type FetchMediaResult =
  | { ok: true; file: MediaFile }
  | {
      ok: false;
      reason: "not_found" | "no_token" | "unavailable" | "too_large";
      message: string;
    };

const tooLarge = (maxBytes: number): FetchMediaResult => ({
  ok: false,
  reason: "too_large",
  message: `This file is larger than the ${Math.floor(maxBytes / (1024 * 1024)) || "<1"} MB this server passes on, so it can't be opened here. The customer can send it another way, or the operator can raise MEDIA_MAX_BYTES.`,
});

// What the agent reads when WhatsApp does not hand the file over. Meta's own words are left out:
// they can carry the download URL.
function unavailable(error: unknown): string {
  if (isGraphError(error) && error.kind === "reauth") {
    return "WhatsApp refused this number's access, so its files can't be fetched. An owner or admin needs to re-authorize the number on the WhatsApp page.";
  }
  if (isGraphError(error) && error.httpStatus >= 400 && error.httpStatus < 500) {
    return "WhatsApp no longer has this file. It keeps customers' files for 7 days.";
  }
  return "WhatsApp could not be reached for this file. Try again in a moment.";
}

/**
 * A message's file, fetched from WhatsApp with its number's token: the media id gives a
 * short-lived URL, and the URL the bytes. Only messages of the workspace are found.
 */
export async function fetchMessageMedia(
  deps: MediaDeps,
  p: { workspaceId: string; messageId: string; maxBytes: number },
): Promise<FetchMediaResult> {
  const row = await getMessageMedia(deps.db, p);
  if (!row) return { ok: false, reason: "not_found", message: "Message not found." };
  const mediaId = row.media?.id;
  if (!mediaId) return { ok: false, reason: "not_found", message: "This message has no file." };
  if (!row.accessTokenEncrypted) {
    return {
      ok: false,
      reason: "no_token",
      message:
        "The WhatsApp number of this conversation is disconnected, so its files can't be fetched. Reconnect it on the WhatsApp page.",
    };
  }
  const token = decryptSecret(
    row.accessTokenEncrypted,
    deps.keyring,
    "channels.access_token",
    p.workspaceId,
  );
  try {
    const media = await deps.graph.getMedia(mediaId, token);
    // Meta says how large the file is; one over the cap is not even requested.
    const announced = byteCount(media.file_size);
    if (announced !== null && announced > p.maxBytes) return tooLarge(p.maxBytes);
    const download = await deps.graph.downloadMedia(media.url, token, { maxBytes: p.maxBytes });
    return {
      ok: true,
      file: {
        body: download.body,
        size: download.contentLength,
        contentType: media.mime_type || row.media?.mimeType || download.contentType,
        messageType: row.type,
        filename: row.media?.filename ?? null,
        messageId: p.messageId,
      },
    };
  } catch (error) {
    if (isMediaTooLarge(error)) return tooLarge(p.maxBytes);
    // Both calls only talk to Meta: any failure here is WhatsApp's side or the network's.
    if (isGraphError(error) && error.kind === "reauth") {
      // As when sending: the number is flagged, so every page shows the re-authorize banner.
      await markChannelNeedsReauth(deps.db, {
        workspaceId: p.workspaceId,
        channelId: row.channelId,
        error,
      });
    }
    if (isGraphError(error)) {
      log.warn({ code: error.code, status: error.httpStatus }, "Media fetch refused by WhatsApp");
    } else {
      log.warn({ err: error }, "Media fetch failed");
    }
    return { ok: false, reason: "unavailable", message: unavailable(error) };
  }
}
