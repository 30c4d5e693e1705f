import { describe, expect, it } from "vitest";
import { estimateTranscriptionMicros } from "./providers";
import { buildMessages } from "./reply";
import { transcribableExtension } from "./transcribe";
import { isVisionModel, seesImages } from "./vision";

describe("models that see images", () => {
  it("knows the vision families by name, with or without a provider prefix", () => {
    for (const model of [
      "gpt-4o",
      "gpt-4o-mini",
      "gpt-4.1-nano",
      "gpt-5",
      "gpt-5-mini",
      "o1",
      "o3",
      "o4-mini",
      "openai/gpt-4o-2024-08-06",
    ]) {
      expect(isVisionModel(model), model).toBe(true);
    }
    for (const model of [
      "gpt-3.5-turbo",
      "gpt-4o-mini-transcribe",
      "gpt-4o-audio-preview",
      "o3-mini",
      "o1-mini",
      "llama-3.1-8b-instruct",
      "",
    ]) {
      expect(isVisionModel(model), model).toBe(false);
    }
  });

  it("the owner's word wins over the name", () => {
    const p = { name: "own", apiKey: "k", model: "llama-3.2-vision" };
    expect(seesImages(p)).toBe(false);
    expect(seesImages({ ...p, images: true })).toBe(true);
    expect(seesImages({ ...p, model: "gpt-4o", images: false })).toBe(false);
  });
});

describe("a photo in the model's messages", () => {
  const base = {
    providers: [],
    businessName: "Kassangas",
    systemPrompt: null,
    tone: "friendly",
    maxLength: 500,
    grounding: [{ question: "Do you deliver?", answer: "Yes, within Nairobi." }],
    history: [{ role: "customer" as const, text: "hello" }],
    question: "Is this in blue?",
  };

  it("goes as text and image_url parts, with the caption and the FAQ grounding", () => {
    const messages = buildMessages({ ...base, image: { dataUrl: "data:image/png;base64,AAAA" } });
    expect(messages.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Is this in blue?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
      ],
    });
    expect(messages[0]?.content).toContain("Yes, within Nairobi.");
    expect(messages[0]?.content).toContain("The customer's last message is a photo");
  });

  it("without a caption says so; without a photo the question is plain text", () => {
    const bare = buildMessages({ ...base, question: "", image: { dataUrl: "data:x" } }).at(-1);
    expect(bare?.content).toEqual([
      { type: "text", text: "(a photo without a caption)" },
      { type: "image_url", image_url: { url: "data:x" } },
    ]);
    const text = buildMessages(base);
    expect(text.at(-1)).toEqual({ role: "user", content: "Is this in blue?" });
    expect(text[0]?.content).not.toContain("photo");
  });
});

describe("transcription", () => {
  it("costs per minute of audio by the model's price; unknown models have no price", () => {
    expect(estimateTranscriptionMicros("gpt-4o-mini-transcribe", 60)).toBe(3000);
    expect(estimateTranscriptionMicros("gpt-4o-transcribe", 30)).toBe(3000);
    expect(estimateTranscriptionMicros("whisper-1", 90)).toBe(9000);
    expect(estimateTranscriptionMicros("some-local-whisper", 60)).toBeNull();
  });

  it("sends only the audio types the endpoint reads, named as it expects", () => {
    expect(transcribableExtension("audio/ogg; codecs=opus")).toBe("ogg");
    expect(transcribableExtension("audio/mpeg")).toBe("mp3");
    expect(transcribableExtension("audio/webm")).toBe("webm");
    expect(transcribableExtension("audio/amr")).toBeNull();
    expect(transcribableExtension("video/mp4")).toBeNull();
  });
});
