// What the simulated phone may attach, by WhatsApp's own rules for each kind of media.
// Browsers record voice notes as WebM or MP4 (Opus); WhatsApp's apps send Ogg Opus.
export const SANDBOX_MEDIA_RULES = {
  image: {
    noun: "a photo",
    types: ["image/jpeg", "image/png"],
    maxBytes: 5 * 1024 * 1024,
    wrongType: "WhatsApp accepts JPEG or PNG images.",
  },
  document: {
    noun: "a document",
    types: [
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "text/plain",
      "text/markdown",
    ],
    maxBytes: 100 * 1024 * 1024,
    wrongType: "Attach a PDF, a Word document (.docx) or a text file.",
  },
  audio: {
    noun: "audio",
    types: ["audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr", "audio/webm"],
    maxBytes: 16 * 1024 * 1024,
    wrongType: "Attach audio as OGG, MP3, M4A, AAC, AMR or WebM.",
  },
} as const;

export type SandboxMediaKind = keyof typeof SANDBOX_MEDIA_RULES;

export const mediaKindOf = (value: string): SandboxMediaKind | null =>
  value in SANDBOX_MEDIA_RULES ? (value as SandboxMediaKind) : null;
