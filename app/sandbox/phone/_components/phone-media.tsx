type Props = {
  phoneNumberId: string;
  media: { kind: "image" | "video" | "audio" | "document"; id: string; filename?: string };
};

/** A photo, video, audio file or document in the chat, as the phone shows it. */
export function PhoneMedia({ phoneNumberId, media }: Props) {
  const src = `/sandbox/api/phone/media?phoneNumberId=${encodeURIComponent(phoneNumberId)}&id=${encodeURIComponent(media.id)}`;
  switch (media.kind) {
    case "image":
      return (
        // biome-ignore lint/performance/noImgElement: a file from the sandbox's own store, any size
        <img
          src={src}
          alt={media.filename ?? "Sent by the business"}
          className="mb-1 max-h-60 w-full rounded-md object-cover"
          data-testid="phone-image"
        />
      );
    case "video":
      return (
        // biome-ignore lint/a11y/useMediaCaption: WhatsApp videos come without a caption track
        <video src={src} controls className="mb-1 w-full rounded-md" data-testid="phone-video" />
      );
    case "audio":
      return (
        // biome-ignore lint/a11y/useMediaCaption: WhatsApp audio comes without a caption track
        <audio src={src} controls className="mb-1 w-56" data-testid="phone-audio" />
      );
    default:
      return (
        <a
          href={src}
          download={media.filename ?? true}
          className="mb-1 block rounded-md bg-zinc-100 px-2 py-1.5 text-sky-700 underline"
          data-testid="phone-document"
        >
          Open {media.filename ?? "document"}
        </a>
      );
  }
}
