import type { AiProvider } from "./providers";

// Chat models known to accept images: GPT-4o, GPT-4.1, GPT-5 and the o-series reasoning models
// (o1, o3, o4-mini). Their audio, speech and transcription variants and o1-mini / o3-mini do not.
const VISION = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4-turbo|gpt-5|o1|o3|o4)/;
const NOT_VISION = /(transcribe|tts|audio|realtime|search|^o1-mini|^o3-mini)/;

/** Whether a model, by its name, accepts images in chat messages. */
export function isVisionModel(model: string): boolean {
  const bare = model.replace(/^.*\//, "").toLowerCase();
  return VISION.test(bare) && !NOT_VISION.test(bare);
}

/** Whether this provider is sent customers' photos: the owner's setting, else the model's name. */
export const seesImages = (provider: AiProvider) =>
  provider.images ?? isVisionModel(provider.model);
