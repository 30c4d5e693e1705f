import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StubBehaviour =
  | { kind: "answer"; text?: string; model?: string }
  | { kind: "error"; status: number; message?: string }
  | { kind: "hang" };

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
 * A local server speaking OpenAI's chat completions wire format, for tests and the offline
 * end-to-end run. By default it answers "AI: <the customer's last message>".
 */
export async function startOpenAiStub(
  initial: StubBehaviour = { kind: "answer" },
  port = 0,
): Promise<{
  url: string;
  requests: StubRequest[];
  set: (behaviour: StubBehaviour) => void;
  close: () => Promise<void>;
}> {
  let behaviour = initial;
  const requests: StubRequest[] = [];
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
      const content = behaviour.text ?? `AI: ${question}`;
      const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
      const completionTokens = Math.ceil(content.length / 4);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: behaviour.model ?? body.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content, refusal: null },
              finish_reason: "stop",
              logprobs: null,
            },
          ],
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    set: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
