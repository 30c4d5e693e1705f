"use client";

import { useEffect, useRef, useState } from "react";
import { MicIcon } from "./icons";

// WhatsApp's apps record Ogg Opus; browsers that cannot record it use WebM or MP4 with Opus.
const TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/mp4"];

/**
 * Records a voice note with the computer's microphone, as holding the microphone button on a
 * phone does: press to start, press again to stop and send.
 */
export function VoiceRecorder({
  disabled,
  onRecorded,
}: {
  disabled: boolean;
  onRecorded: (file: File) => void;
}) {
  const [seconds, setSeconds] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);

  const recording = seconds !== null;
  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setSeconds((s) => (s === null ? s : s + 1)), 1000);
    return () => clearInterval(timer);
  }, [recording]);

  async function start() {
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError("The browser did not allow the microphone. Allow it, or attach an audio file.");
      return;
    }
    const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      const type = (rec.mimeType || "audio/webm").split(";")[0] ?? "audio/webm";
      const ext = type === "audio/ogg" ? "ogg" : type === "audio/mp4" ? "m4a" : "webm";
      onRecorded(new File(chunks, `voice-note.${ext}`, { type }));
    };
    recorder.current = rec;
    rec.start();
    setSeconds(0);
  }

  function stop() {
    recorder.current?.stop();
    recorder.current = null;
    setSeconds(null);
  }

  return (
    <>
      <button
        type="button"
        aria-label={recording ? "Stop recording and send" : "Record a voice note"}
        title={recording ? "Stop recording and send" : "Record a voice note"}
        disabled={disabled && !recording}
        className={`flex items-center gap-1 rounded-full p-2 ${recording ? "bg-red-600 text-white" : "text-zinc-600 hover:bg-zinc-200"}`}
        onClick={recording ? stop : start}
      >
        <MicIcon />
        {recording && (
          <span className="text-xs tabular-nums" aria-live="polite">
            0:{String(seconds).padStart(2, "0")}
          </span>
        )}
      </button>
      {error && (
        <p
          role="alert"
          className="absolute inset-x-0 -top-8 bg-red-50 px-4 py-1 text-xs text-red-700"
        >
          {error}
        </p>
      )}
    </>
  );
}
