"use client";

import { useState } from "react";

type Props = {
  slug: string;
  wabaId: string;
  kind: "image" | "video" | "document";
  hasSample: boolean;
  error?: string;
  onUploaded: (handle: string) => void;
};

const ACCEPT = { image: "image/jpeg,image/png", video: "video/mp4", document: "application/pdf" };
const WHAT = {
  image: "a JPEG or PNG picture (up to 5 MB)",
  video: "an MP4 video (up to 16 MB)",
  document: "a PDF document (up to 16 MB)",
};

/** A media header's sample: uploaded to WhatsApp at once, for its review. */
export function SampleField({ slug, wabaId, kind, hasSample, error, onUploaded }: Props) {
  const [state, setState] = useState<{
    busy: boolean;
    name: string | null;
    failure: string | null;
  }>({ busy: false, name: null, failure: null });
  const upload = async (file: File) => {
    setState({ busy: true, name: file.name, failure: null });
    try {
      const res = await fetch(
        `/${slug}/templates/sample?waba=${wabaId}&name=${encodeURIComponent(file.name)}`,
        { method: "POST", body: file, headers: { "content-type": file.type } },
      );
      const body = (await res.json().catch(() => null)) as {
        handle?: string;
        error?: { message?: string };
      } | null;
      if (!res.ok || !body?.handle) {
        setState({
          busy: false,
          name: null,
          failure: body?.error?.message ?? `The sample could not be uploaded (HTTP ${res.status}).`,
        });
        return;
      }
      onUploaded(body.handle);
      setState({ busy: false, name: file.name, failure: null });
    } catch {
      setState({ busy: false, name: null, failure: "Could not reach Parley. Try again." });
    }
  };
  const problem = state.failure ?? error;
  return (
    <div className="space-y-1.5">
      <label htmlFor="template-sample" className="block text-sm font-medium text-zinc-800">
        Sample {kind} for WhatsApp&apos;s review
      </label>
      <input
        id="template-sample"
        type="file"
        accept={ACCEPT[kind]}
        disabled={state.busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
        className="block w-full text-sm"
        data-testid="template-sample"
      />
      <p className="text-xs text-zinc-500" data-testid="template-sample-state">
        {state.busy
          ? `Uploading ${state.name}…`
          : state.name
            ? `Uploaded ${state.name}.`
            : hasSample
              ? "The current sample is kept unless you choose another."
              : `Choose ${WHAT[kind]}. The real one is chosen when sending.`}
      </p>
      {problem && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {problem}
        </p>
      )}
    </div>
  );
}
