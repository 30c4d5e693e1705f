import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SAME_LANGUAGE, TRANSLATION_TASK } from "@/lib/ai/translate";
import { agentHelpAnswer } from "./agent-help-stub";
import { hashedEmbedding } from "./hashed-embedding";

export type StubBehaviour =
  | { kind: "answer"; text?: string; model?: string }
  | { kind: "error"; status: number; message?: string }
  | { kind: "hang" };

/** How `/embeddings` answers: hashed bags of words (deterministic), an error, or no answer. */
export type EmbeddingBehaviour =
  // `sameAs` plays a multilingual model in tests: a text is embedded as the text it names.
  | { kind: "hashed"; sameAs?: Record<string, string> }
  | { kind: "error"; status: number }
  | { kind: "hang" };

export type EmbeddingRequest = {
  model: string;
  input: string[];
  authorization: string | undefined;
};

/** A chat message's content: a string, or parts (text and images) as OpenAI's API takes them. */
export type StubContent =
  | string
  | ({ type: "text"; text: string } | { type: "image_url"; image_url: { url: string } })[];

export type StubRequest = {
  path: string;
  authorization: string | undefined;
  /** The request's body, each message's content as its text (image parts are in `images`). */
  body: {
    model: string;
    messages: { role: string; content: string }[];
    max_completion_tokens?: number;
  };
  /** The images the request's messages carried, as their data URLs. */
  images: string[];
};

type WireBody = Omit<StubRequest["body"], "messages"> & {
  messages: { role: string; content: StubContent }[];
};

/** A transcription request as the stub received it (multipart form fields and the file). */
export type TranscriptionRequest = {
  model: string;
  responseFormat: string | null;
  fileName: string;
  fileType: string;
  bytes: number;
  authorization: string | undefined;
};

/** What `/audio/transcriptions` answers when a test has not set one. */
export const STUB_TRANSCRIPT = "What are your opening hours?";

/** The text of a message's content, its image parts left out. */
export const contentText = (content: StubContent | undefined): string =>
  typeof content === "string"
    ? content
    : (content ?? []).map((part) => (part.type === "text" ? part.text : "")).join(" ");

/** The data URLs of the images a chat request's messages carry. */
function imagesOf(messages: WireBody["messages"]): string[] {
  return messages.flatMap((m) =>
    typeof m.content === "string"
      ? []
      : m.content.flatMap((part) => (part.type === "image_url" ? [part.image_url.url] : [])),
  );
}

/**
 * A local server speaking OpenAI's chat completions and embeddings wire formats, for tests, the
 * benchmark and the offline end-to-end run. Chat answers "AI: <the customer's last message>" by
 * default; asked to pass on an approved answer it says the languages are the same (it cannot
 * translate) unless `translation` is set. Embeddings are hashed bags of words and trigrams.
 * Every request is recorded, so a test sees what the model was shown.
 */
export async function startOpenAiStub(
  initial: StubBehaviour = { kind: "answer" },
  port = 0,
): Promise<{
  url: string;
  /** The bot's chat requests (answers, translations). */
  requests: StubRequest[];
  /** The inbox's AI help (suggestions, summaries, rewrites), kept apart from the bot's. */
  helpRequests: StubRequest[];
  embeddings: EmbeddingRequest[];
  transcriptions: TranscriptionRequest[];
  set: (behaviour: StubBehaviour) => void;
  /** What transcriptions answer: a text, or an HTTP error status. */
  setTranscript: (answer: string | { status: number }) => void;
  setEmbeddings: (behaviour: EmbeddingBehaviour) => void;
  /** What a translation request is answered with; unset: the "same language" answer. */
  setTranslation: (text: string | null) => void;
  close: () => Promise<void>;
}> {
  let behaviour = initial;
  let embeddingBehaviour: EmbeddingBehaviour = { kind: "hashed" };
  let translation: string | null = null;
  const requests: StubRequest[] = [];
  const helpRequests: StubRequest[] = [];
  const embeddings: EmbeddingRequest[] = [];
  const transcriptions: TranscriptionRequest[] = [];
  let transcript: string | { status: number } = STUB_TRANSCRIPT;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
    });
    req.on("end", async () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString("utf8");
      if (req.method === "GET" && req.url === "/health") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
        return;
      }
      // What the model was shown, for tests that drive a server in another process.
      if (req.method === "GET" && req.url === "/requests") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(requests.map((r) => ({ path: r.path, body: r.body }))));
        return;
      }
      if (req.method === "POST" && req.url?.endsWith("/embeddings")) {
        const body = JSON.parse(raw) as { model: string; input: string | string[] };
        const input = Array.isArray(body.input) ? body.input : [body.input];
        embeddings.push({ model: body.model, input, authorization: req.headers.authorization });
        if (embeddingBehaviour.kind === "hang") return;
        if (embeddingBehaviour.kind === "error") {
          res.writeHead(embeddingBehaviour.status, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: "The server had an error" } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            object: "list",
            model: body.model,
            data: input.map((text, index) => ({
              object: "embedding",
              index,
              embedding: hashedEmbedding(
                (embeddingBehaviour.kind === "hashed" && embeddingBehaviour.sameAs?.[text]) || text,
              ),
            })),
            usage: { prompt_tokens: 0, total_tokens: 0 },
          }),
        );
        return;
      }
      if (req.method === "POST" && req.url?.endsWith("/audio/transcriptions")) {
        // Multipart form data, read as any server reads it.
        const form = await new Response(bytes, {
          headers: { "content-type": req.headers["content-type"] ?? "" },
        })
          .formData()
          .catch(() => null);
        const file = form?.get("file");
        if (!form || !(file instanceof File)) {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: "No file", type: "invalid_request_error" } }));
          return;
        }
        transcriptions.push({
          model: String(form.get("model") ?? ""),
          responseFormat: form.has("response_format") ? String(form.get("response_format")) : null,
          fileName: file.name,
          fileType: file.type,
          bytes: file.size,
          authorization: req.headers.authorization,
        });
        if (typeof transcript !== "string") {
          res.writeHead(transcript.status, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: "The server had an error" } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            text: transcript,
            usage: {
              type: "tokens",
              input_tokens: Math.ceil(file.size / 100),
              input_token_details: { text_tokens: 0, audio_tokens: Math.ceil(file.size / 100) },
              output_tokens: Math.ceil(transcript.length / 4),
              total_tokens: Math.ceil(file.size / 100) + Math.ceil(transcript.length / 4),
            },
          }),
        );
        return;
      }
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Not found", type: "invalid_request_error" } }));
        return;
      }
      const wire = JSON.parse(raw) as WireBody;
      const images = imagesOf(wire.messages);
      const body = {
        ...wire,
        messages: wire.messages.map((m) => ({ role: m.role, content: contentText(m.content) })),
      };
      const helped = agentHelpAnswer(body.messages);
      (helped ? helpRequests : requests).push({
        path: req.url,
        authorization: req.headers.authorization,
        body,
        images,
      });
      if (behaviour.kind === "hang") return;
      if (behaviour.kind === "error") {
        res.writeHead(behaviour.status, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            error: {
              message: behaviour.message ?? "The server had an error",
              type: "server_error",
            },
          }),
        );
        return;
      }
      const last = wire.messages.at(-1);
      const question = contentText(last?.content);
      // The inbox's AI help: answers that follow what it was asked, or a provider error when the
      // agent's draft asks for one.
      if (helped?.kind === "error") {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Overloaded", type: "server_error" } }));
        return;
      }
      const translating = body.messages[0]?.content.startsWith(TRANSLATION_TASK) ?? false;
      // Shown a photo, the stub says so and what came with it (the caption), deterministically.
      const seen = last ? imagesOf([last]).length : 0;
      const content = translating
        ? (translation ?? SAME_LANGUAGE)
        : (behaviour.text ??
          helped?.text ??
          (seen > 0 ? `AI saw ${seen} image: ${question}` : `AI: ${question}`));
      // A low-detail image costs 85 tokens on OpenAI's models.
      const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4) + images.length * 85;
      const completionTokens = Math.ceil(content.length / 4);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          chatCompletion({
            id: `chatcmpl-${requests.length}`,
            model: behaviour.model ?? body.model,
            content,
            promptTokens,
            completionTokens,
          }),
        ),
      );
    });
  });
  // Clients keep connections open between runs; closing them first would reset a reused one.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    helpRequests,
    embeddings,
    transcriptions,
    set: (next) => {
      behaviour = next;
    },
    setTranscript: (next) => {
      transcript = next;
    },
    setEmbeddings: (next) => {
      embeddingBehaviour = next;
    },
    setTranslation: (text) => {
      translation = text;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion as OpenAI's API answers one, with a single choice. */
export function chatCompletion(c: {
  id: string;
  model: string;
  content: string;
  promptTokens: number;
  completionTokens: number;
}) {
  return {
    id: c.id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: c.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: c.content, refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: c.promptTokens,
      completion_tokens: c.completionTokens,
      total_tokens: c.promptTokens + c.completionTokens,
    },
  };
}
