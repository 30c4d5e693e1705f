import { hasBrand, setBrand } from "@/lib/errors/brand";

// A customer's file passes through the server as a stream: never held whole in memory, and cut off
// once it grows past the configured cap, whatever the sender claimed its size was.

export class MediaTooLargeError extends Error {
  override name = "MediaTooLargeError";
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The file is larger than the ${maxBytes} bytes this server passes on`);
    this.maxBytes = maxBytes;
    setBrand(this, "MediaTooLargeError");
  }
}

export const isMediaTooLarge = (error: unknown): error is MediaTooLargeError =>
  hasBrand(error, "MediaTooLargeError");

/** A byte count from a header or Meta's `file_size`, or null when absent or not a count. */
export function byteCount(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The source, erroring with MediaTooLargeError (which cancels the source) as soon as more than
 * `maxBytes` have come through, and calling `onStall` when no bytes came for `idleMs`.
 */
export function capStream(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
  stall: { idleMs: number; onStall: () => void },
): ReadableStream<Uint8Array> {
  let seen = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(stall.onStall, stall.idleMs);
    timer.unref?.();
  };
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start: arm,
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          clearTimeout(timer);
          controller.error(new MediaTooLargeError(maxBytes));
          return;
        }
        arm();
        controller.enqueue(chunk);
      },
      flush: () => clearTimeout(timer),
    }),
  );
}

/** Bytes `start` to `end` (inclusive) of the source; the rest is never read, or read and dropped. */
export function sliceStream(
  source: ReadableStream<Uint8Array>,
  start: number,
  end: number,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        const from = position;
        position += value.byteLength;
        const lo = Math.max(start - from, 0);
        const hi = Math.min(end + 1 - from, value.byteLength);
        if (hi > lo) controller.enqueue(value.subarray(lo, hi));
        if (position > end) {
          controller.close();
          await reader.cancel();
          return;
        }
        if (hi > lo) return;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
