import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SAME_LANGUAGE, TRANSLATION_TASK } from "@/lib/ai/translate";
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

export type StubRequest = {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    max_completion_tokens?: number;
  };
};

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
  requests: StubRequest[];
  embeddings: EmbeddingRequest[];
  set: (behaviour: StubBehaviour) => void;
  setEmbeddings: (behaviour: EmbeddingBehaviour) => void;
  /** What a translation request is answered with; unset: the "same language" answer. */
  setTranslation: (text: string | null) => void;
  close: () => Promise<void>;
}> {
  let behaviour = initial;
  let embeddingBehaviour: EmbeddingBehaviour = { kind: "hashed" };
  let translation: string | null = null;
  const requests: StubRequest[] = [];
  const embeddings: EmbeddingRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
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
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "Not found", type: "invalid_request_error" } }));
        return;
      }
      const body = JSON.parse(raw) as StubRequest["body"];
      requests.push({ path: req.url, authorization: req.headers.authorization, body });
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
      const question = body.messages.at(-1)?.content ?? "";
      const translating = body.messages[0]?.content.startsWith(TRANSLATION_TASK) ?? false;
      const content = translating
        ? (translation ?? SAME_LANGUAGE)
        : (behaviour.text ?? `AI: ${question}`);
      const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
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
    embeddings,
    set: (next) => {
      behaviour = next;
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
