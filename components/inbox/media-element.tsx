"use client";

import { useEffect, useRef, useState } from "react";

type Props =
  | { kind: "image" | "sticker"; src: string; alt: string }
  | { kind: "video" | "audio"; src: string; alt: string };

const GONE =
  "This file could not be loaded from WhatsApp. WhatsApp keeps customers' files for 7 days.";

/**
 * A message's picture or player. When the file can't be fetched (most often because WhatsApp
 * no longer has it), a sentence says so instead of a broken image or a silent player.
 */
export function MediaElement(props: Props) {
  const [failed, setFailed] = useState(false);
  const image = useRef<HTMLImageElement>(null);
  const player = useRef<HTMLVideoElement & HTMLAudioElement>(null);

  // An error that happened before hydration fired no handler; the element still shows it. A lazy
  // image not requested yet has no currentSrc, and is not taken for a broken one.
  useEffect(() => {
    const img = image.current;
    if (img?.complete && img.naturalWidth === 0 && img.currentSrc) setFailed(true);
    if (player.current?.error) setFailed(true);
  }, []);

  if (failed) {
    return (
      <p className="rounded-md bg-zinc-100 px-2 py-1.5 text-xs text-zinc-600" role="note">
        {GONE}
      </p>
    );
  }
  const onError = () => setFailed(true);
  switch (props.kind) {
    case "image":
    case "sticker":
      return (
        <a href={props.src} target="_blank" rel="noreferrer" className="block">
          {/* biome-ignore lint/performance/noImgElement: the file comes from an authenticated route next/image cannot optimize */}
          <img
            ref={image}
            src={props.src}
            alt={props.alt}
            loading="lazy"
            decoding="async"
            onError={onError}
            className={
              props.kind === "sticker"
                ? "h-32 w-32 object-contain"
                : "max-h-80 w-auto max-w-full rounded-md bg-zinc-100 object-contain"
            }
          />
        </a>
      );
    case "video":
      return (
        // biome-ignore lint/a11y/useMediaCaption: WhatsApp videos come without a caption track
        <video
          ref={player}
          src={props.src}
          controls
          preload="metadata"
          aria-label={props.alt}
          onError={onError}
          className="max-h-80 w-full rounded-md bg-black"
        />
      );
    case "audio":
      return (
        // biome-ignore lint/a11y/useMediaCaption: WhatsApp voice notes come without a caption track
        <audio
          ref={player}
          src={props.src}
          controls
          preload="none"
          aria-label={props.alt}
          onError={onError}
          className="w-64 max-w-full"
        />
      );
  }
}
