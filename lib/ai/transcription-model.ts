// OpenAI's small transcription model: many languages, $0.003 per minute of audio.
export const DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

// Five minutes: a long voice note is still a question; longer audio is for a person to hear.
export const DEFAULT_TRANSCRIPTION_MAX_SECONDS = 300;
