import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { MediaElement } from "./media-element";
import { type MessageBody, mediaNoun } from "./message-body";

type Media = Extract<MessageBody, { kind: "media" }>;

function Caption({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="mt-1 whitespace-pre-wrap break-words">
      <WhatsAppText text={text} />
    </p>
  );
}

function DocumentLink({ src, body }: { src: string; body: Media }) {
  const name = body.filename || "Document";
  return (
    <a
      href={src}
      download={body.filename || true}
      className="flex items-center gap-2 rounded-md border border-zinc-200 bg-white/70 px-2.5 py-2 hover:bg-white"
      data-testid="message-document"
    >
      <svg
        viewBox="0 0 16 16"
        className="h-5 w-5 shrink-0 text-zinc-500"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.25}
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d="M4 1.5h5.5L13 5v9.5H4z" />
        <path d="M9.5 1.5V5H13" />
      </svg>
      <span className="min-w-0">
        <span className="block truncate font-medium text-sky-800 underline">{name}</span>
        <span className="block text-xs text-zinc-500">
          {body.mimeType ?? "Unknown type"} · Download
        </span>
      </span>
    </a>
  );
}

/** A photo, sticker, video, voice note, audio file or document, loaded through the media route. */
export function MessageMedia({ src, body }: { src: string; body: Media }) {
  const noun = mediaNoun(body);
  if (!body.hasFile) {
    return (
      <div>
        <p className="text-xs text-zinc-600 italic">
          {noun}: WhatsApp did not hand over the file for this message.
        </p>
        <Caption text={body.caption} />
      </div>
    );
  }
  switch (body.media) {
    case "document":
      return (
        <div>
          <DocumentLink src={src} body={body} />
          <Caption text={body.caption} />
        </div>
      );
    case "audio":
      return (
        <div>
          <p className="mb-1 text-xs font-medium text-zinc-600">{noun}</p>
          <MediaElement kind="audio" src={src} alt={noun} />
          {body.transcript && (
            <figure className="mt-1.5 border-l-2 border-zinc-300 pl-2" data-testid="transcript">
              <figcaption className="text-[11px] font-medium text-zinc-500">Transcript</figcaption>
              <p className="whitespace-pre-wrap break-words text-zinc-800">{body.transcript}</p>
            </figure>
          )}
        </div>
      );
    default:
      return (
        <div>
          <MediaElement
            kind={body.media}
            src={src}
            alt={body.caption ? `${noun}: ${body.caption}` : noun}
          />
          <Caption text={body.caption} />
        </div>
      );
  }
}
