"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import {
  checkOutboundMedia,
  type OutboundMediaKind,
  SNIFF_BYTES,
} from "@/lib/media/outbound-media";
import { inboxKeys } from "./inbox-client";

export type Picked = { file: File; kind: OutboundMediaKind; label: string };

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "sending" };

/**
 * The file attached in the composer: checked in the browser by its first bytes against
 * WhatsApp's types and limits when picked, then sent with an upload the composer shows the
 * progress of (fetch cannot report an upload's progress; XMLHttpRequest can).
 */
export function useAttachment(slug: string, conversationId: string) {
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const request = useRef<XMLHttpRequest | null>(null);

  async function pick(file: File | undefined) {
    if (!file || state.phase !== "idle") return;
    setError(null);
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const check = checkOutboundMedia({ name: file.name, size: file.size, type: file.type, head });
    if (!check.ok) {
      setPicked(null);
      setError(check.message);
      return;
    }
    setPicked({ file, kind: check.kind, label: check.label });
  }

  function clear() {
    setPicked(null);
    setError(null);
  }

  /** Sends the file with its caption; true once WhatsApp has it queued. */
  function send(p: { clientId: string; caption: string }): Promise<boolean> {
    if (!picked || state.phase !== "idle") return Promise.resolve(false);
    const form = new FormData();
    form.set("clientId", p.clientId);
    form.set("caption", p.caption);
    form.set("file", picked.file, picked.file.name);
    setError(null);
    setState({ phase: "uploading", percent: 0 });
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      request.current = xhr;
      xhr.open("POST", `/${slug}/inbox/${conversationId}/attachments`);
      xhr.responseType = "json";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          setState({ phase: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
        }
      };
      // Every byte is on the server: it now hands the file to WhatsApp.
      xhr.upload.onload = () => setState({ phase: "sending" });
      const finish = (message: string | null) => {
        request.current = null;
        setState({ phase: "idle" });
        setError(message);
        if (!message) setPicked(null);
        void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
        resolve(!message);
      };
      xhr.onload = () => {
        const body = xhr.response as { error?: { message?: string } } | null;
        if (xhr.status >= 200 && xhr.status < 300) return finish(null);
        finish(
          body?.error?.message ??
            (xhr.status === 413
              ? "The file is too large to upload."
              : `The file could not be sent (HTTP ${xhr.status}). Try again.`),
        );
      };
      xhr.onerror = () =>
        finish("The upload was interrupted: check the connection and press Send again.");
      xhr.onabort = () => finish("The upload was cancelled; the file was not sent.");
      xhr.send(form);
    });
  }

  return {
    picked,
    error,
    state,
    busy: state.phase !== "idle",
    pick,
    clear,
    send,
    cancel: () => request.current?.abort(),
  };
}
