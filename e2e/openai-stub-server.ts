import { startOpenAiStub } from "@/lib/testing/openai-stub";

// The OpenAI-compatible provider the end-to-end PGlite server is configured with.
const port = Number(process.env.PORT ?? 3199);
const stub = await startOpenAiStub({ kind: "answer" }, port);
console.log(`OpenAI-compatible stub on ${stub.url}`);
