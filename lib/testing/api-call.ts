type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

export type CallInit = {
  url?: string;
  method?: string;
  body?: unknown;
  params?: object;
  headers?: Record<string, string>;
};

/**
 * Calls a public API route handler as a client would, with the workspace key, a JSON body (a
 * string is sent as it is), route params and further headers; returns the status, the parsed
 * answer and its headers.
 */
export function apiCaller<Body>(base: string) {
  return async (handler: Handler, key: string, init: CallInit = {}) => {
    const res = await handler(
      new Request(init.url ?? base, {
        method: init.method ?? "GET",
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          ...init.headers,
        },
        ...(init.body !== undefined && {
          body: typeof init.body === "string" ? init.body : JSON.stringify(init.body),
        }),
      }),
      { params: Promise.resolve((init.params ?? {}) as never) },
    );
    const text = await res.text();
    const answer = { status: res.status, body: text ? (JSON.parse(text) as Body) : null };
    // Not enumerable, so answers still compare by status and body alone.
    return Object.defineProperty(answer, "headers", {
      value: res.headers,
      enumerable: false,
    }) as typeof answer & { readonly headers: Headers };
  };
}
