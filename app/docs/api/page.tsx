import type { Metadata } from "next";
import Link from "next/link";
import { OPERATIONS, openApiDocument } from "@/lib/api/openapi";
import { curlExample, exampleOf } from "@/lib/api/openapi-examples";
import { API_REQUESTS_PER_MINUTE } from "@/lib/api/rate-limit";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "API reference" };

// The examples name this deployment's address, read when the page is served.
export const dynamic = "force-dynamic";

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

const anchor = (method: string, path: string) =>
  `${method}-${path.replace(/[{}]/g, "").replace(/[^a-z0-9]+/gi, "-")}`.replace(/-+$/, "");

type Responses = Record<
  string,
  { description: string; content?: { "application/json": { schema: object } } }
>;

export default function ApiReferencePage() {
  const serverUrl = `${getEnv().appUrl}/api/v1`;
  const doc = openApiDocument(serverUrl);
  const operations = Object.entries(OPERATIONS).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <main className="mx-auto max-w-4xl px-6 py-12 text-zinc-800">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Parley</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">API reference</h1>
      <div className="mt-4 space-y-3 text-sm leading-6">
        <p>
          The API reads and changes one workspace&apos;s data. Create a key on your workspace&apos;s{" "}
          <strong>Settings → API keys</strong> page and send it on every request as{" "}
          <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. A read-only key can
          call the <code className="font-mono">read</code> routes; a read-and-write key all of them.
          A key never sees another workspace.
        </p>
        <p>
          Lists come newest or oldest first as each route says, 50 per page (
          <code className="font-mono">?limit=1…100</code>); pass the answer&apos;s{" "}
          <code className="font-mono">nextCursor</code> as{" "}
          <code className="font-mono">?cursor=</code> for the next page. Errors always read{" "}
          <code className="font-mono">{`{"error":{"code":"…","message":"…"}}`}</code>, the message
          written for a person.
        </p>
        <p>
          Every write (POST, PATCH, DELETE) accepts an{" "}
          <code className="font-mono">Idempotency-Key</code> header (a UUID): a repeat with the same
          key within 24 hours gets the first answer again, with{" "}
          <code className="font-mono">Idempotent-Replayed: true</code>, and changes nothing; the
          same key for a different request is refused (422), and a repeat while the first is still
          running gets 409. Each key may make {API_REQUESTS_PER_MINUTE.toLocaleString("en")}{" "}
          requests a minute; beyond that, or while a number's send queue is full, the answer is 429
          with the seconds to wait in <code className="font-mono">Retry-After</code>.
        </p>
        <p>
          Machine-readable:{" "}
          <Link href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </Link>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      <nav aria-label="Routes" className="mt-8 rounded-lg border border-zinc-200 p-4">
        <ul className="space-y-1 font-mono text-sm">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${anchor(method, path)}`} className="hover:underline">
                <span className="inline-block w-16 font-semibold uppercase">{method}</span>
                {path}
              </a>{" "}
              <span className="font-sans text-zinc-500">– {op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => {
        const spec = doc.paths[path]?.[method] as { responses: Responses };
        const ok = spec.responses[String(op.ok.status)];
        return (
          <section
            key={`${method} ${path}`}
            id={anchor(method, path)}
            className="mt-10 scroll-mt-6 border-t border-zinc-200 pt-6"
            data-testid="api-operation"
          >
            <h2 className="flex flex-wrap items-center gap-3 font-mono text-lg">
              <span
                className={`rounded px-2 py-0.5 text-sm font-semibold uppercase ${METHOD_COLOURS[method] ?? ""}`}
              >
                {method}
              </span>
              /api/v1{path}
            </h2>
            <p className="mt-2 text-sm">
              {op.summary}. Scope: <code className="font-mono">{op.scope}</code>.
            </p>
            <h3 className="mt-4 text-sm font-semibold">Example</h3>
            <pre className="mt-1 overflow-x-auto rounded-lg bg-zinc-900 px-4 py-3 font-mono text-xs text-zinc-100">
              {curlExample({
                serverUrl,
                method,
                path,
                ...(op.body && { body: op.body }),
                example: op.examples && Object.values(op.examples)[0],
              })}
            </pre>
            {op.examples &&
              Object.entries(op.examples)
                .slice(1)
                .map(([name, value]) => (
                  <div key={name} className="mt-2 text-sm">
                    <p className="text-zinc-600">Or, as {name}:</p>
                    <pre className="mt-1 overflow-x-auto rounded-lg bg-zinc-50 px-4 py-3 font-mono text-xs">
                      {JSON.stringify(value)}
                    </pre>
                  </div>
                ))}
            {op.body && (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-semibold">Request body schema</summary>
                <pre className="mt-1 overflow-x-auto rounded-lg bg-zinc-50 px-4 py-3 font-mono text-xs">
                  {JSON.stringify(op.body, null, 2)}
                </pre>
              </details>
            )}
            <h3 className="mt-4 text-sm font-semibold">Answers</h3>
            <ul className="mt-1 space-y-1 text-sm">
              <li>
                <code className="font-mono">{op.ok.status}</code> {op.ok.description}
              </li>
              {op.errors.map((status) => (
                <li key={status}>
                  <code className="font-mono">{status}</code>{" "}
                  {spec.responses[String(status)]?.description}
                </li>
              ))}
            </ul>
            {ok?.content && (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-semibold">Example answer</summary>
                <pre className="mt-1 overflow-x-auto rounded-lg bg-zinc-50 px-4 py-3 font-mono text-xs">
                  {JSON.stringify(exampleOf(ok.content["application/json"].schema), null, 2)}
                </pre>
              </details>
            )}
          </section>
        );
      })}
    </main>
  );
}
