import type { z } from "zod";
import { waitingFetch } from "@/lib/jobs/waiting";
import { GraphError } from "./graph-errors";
import * as r from "./graph-schemas";
import { byteCount, capStream, MediaTooLargeError } from "./media-stream";
import { createPacer, type Pacer } from "./pacer";
import { splitText } from "./split-text";

export type GraphClientOptions = {
  baseUrl: string;
  version: string;
  timeoutMs?: number;
  maxRetries?: number;
  pacer?: Pacer;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

type Call<S extends z.ZodType> = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  token: string;
  schema: S;
  query?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** A multipart body (a media upload); fetch sets its content type with the boundary. */
  multipart?: () => FormData;
  /** Set for message sends: paced per number and recipient, and never repeated blindly. */
  send?: { phoneNumberId: string; to: string };
};

/** A media file on its way from Meta: its bytes as they arrive, and what Meta says of them. */
export type MediaDownload = {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength: number | null;
};

export type Sent = { wamid: string; waId: string | null };
type Button = { id: string; title: string };
type Section = { title?: string; rows: { id: string; title: string; description?: string }[] };

/**
 * A business-scoped user id ("US.13491208655302741918", "US.ENT.…"): how Meta names a customer who
 * uses a WhatsApp username and shares no phone. A phone number never holds a letter.
 */
export const isBusinessScopedUserId = (to: string) => /^[A-Z]{2}\.[A-Za-z0-9.]+$/.test(to);

// A phone goes in `to` with its + and country code (without the +, Meta prefixes the business's
// own country code); a business-scoped user id goes in `recipient`.
const addressee = (to: string) =>
  isBusinessScopedUserId(to) ? { recipient: to } : { to: to.startsWith("+") ? to : `+${to}` };

const META_MEDIA_DOMAINS = ["fbsbx.com", "facebook.com", "fbcdn.net", "whatsapp.net"];

export function isMediaHost(url: string, baseUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.host === new URL(baseUrl).host) return true;
  return (
    target.protocol === "https:" &&
    META_MEDIA_DOMAINS.some((d) => target.hostname === d || target.hostname.endsWith(`.${d}`))
  );
}

/**
 * An id from a webhook or a user, as one path segment: a media id such as "../me" or "1?x=y"
 * would otherwise address another Graph object with the workspace's token.
 */
export function pathSegment(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    throw new GraphError({
      code: -3,
      httpStatus: 0,
      message: "The id is not a valid Graph API id; nothing was requested.",
      kind: "permanent",
    });
  }
  return encodeURIComponent(id);
}

/** The one client for Meta's Graph API. Tokens travel only in the Authorization header. */
export function createGraphClient(options: GraphClientOptions) {
  const base = `${options.baseUrl.replace(/\/+$/, "")}/${options.version}`;
  // Waiting for Meta holds no job slot: it uses no CPU.
  const doFetch = waitingFetch(options.fetch ?? fetch);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 3;
  const pacer = options.pacer ?? createPacer();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));

  // The token goes only where Meta keeps media (or to the configured Graph host itself), and so
  // does every redirect followed: a URL elsewhere is never fetched at all.
  async function fetchFromMetaHosts(url: string, token: string, signal: AbortSignal) {
    let target = url;
    for (let hop = 0; ; hop++) {
      if (!isMediaHost(target, options.baseUrl) || hop > 3) {
        throw new GraphError({
          code: -3,
          httpStatus: 0,
          message:
            hop > 3
              ? "The media URL redirected too many times; the download was given up."
              : "The media URL is not on one of Meta's hosts; the token was not sent.",
          kind: "permanent",
        });
      }
      const res = await doFetch(target, {
        headers: { authorization: `Bearer ${token}` },
        signal,
        redirect: "manual",
      });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
      if (!location) return res;
      await res.body?.cancel();
      target = new URL(location, target).href;
    }
  }

  async function call<S extends z.ZodType>(c: Call<S>): Promise<z.infer<S>> {
    const url = new URL(`${base}/${c.path}`);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    for (let attempt = 0; ; attempt++) {
      if (c.send) await pacer.acquire(c.send.phoneNumberId, c.send.to);
      let res: Response;
      try {
        res = await doFetch(url, {
          method: c.method,
          headers: {
            authorization: `Bearer ${c.token}`,
            ...(c.json !== undefined && { "content-type": "application/json" }),
            ...(c.form && { "content-type": "application/x-www-form-urlencoded" }),
          },
          body:
            c.json !== undefined
              ? JSON.stringify(c.json)
              : c.form
                ? new URLSearchParams(c.form)
                : c.multipart?.(),
          // A file of up to 100 MB takes longer to reach Meta than a JSON call.
          signal: AbortSignal.timeout(c.multipart ? timeoutMs * 8 : timeoutMs),
        });
      } catch (cause) {
        const error = GraphError.network(cause, attempt);
        // A send that got no answer may still have been delivered: the caller decides.
        error.maybeSent = Boolean(c.send);
        if (c.send || attempt >= maxRetries) throw error;
        await sleep(error.retryAfterMs ?? 1000);
        continue;
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        // Meta answered with an error, so nothing was sent: retrying a send here is safe.
        const error = GraphError.fromResponse(res.status, body, attempt);
        if (!error.retryable || attempt >= maxRetries) throw error;
        await sleep(error.retryAfterMs ?? 1000);
        continue;
      }
      const parsed = c.schema.safeParse(body);
      if (!parsed.success) {
        const error = new GraphError({
          code: -3,
          httpStatus: res.status,
          message: `Unexpected Graph API response for ${c.path}`,
          kind: "permanent",
        });
        // Meta accepted the call: a send went out even though its answer is unreadable.
        error.maybeSent = Boolean(c.send);
        throw error;
      }
      return parsed.data;
    }
  }

  async function send(
    phoneNumberId: string,
    token: string,
    to: string,
    message: Record<string, unknown>,
    endpoint: "messages" | "marketing_messages" = "messages",
  ): Promise<Sent> {
    const res = await call({
      method: "POST",
      path: `${phoneNumberId}/${endpoint}`,
      token,
      schema: r.sendResponse,
      json: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        ...addressee(to),
        ...message,
      },
      send: { phoneNumberId, to },
    });
    return { wamid: res.messages[0]?.id ?? "", waId: res.contacts?.[0]?.wa_id ?? null };
  }

  const context = (replyTo?: string) => (replyTo ? { context: { message_id: replyTo } } : {});
  // Echoed by Meta in every status webhook of the message (at most 512 characters).
  const callback = (data?: string) => (data ? { biz_opaque_callback_data: data } : {});

  return {
    /** Any other Graph call, with the same retries and error classes (the catalog calls use it). */
    request: call,
    /** An interactive message (product, product list) as Meta's `interactive` object. */
    sendInteractive: (
      phoneNumberId: string,
      token: string,
      m: { to: string; interactive: Record<string, unknown>; bizOpaqueCallbackData?: string },
    ) =>
      send(phoneNumberId, token, m.to, {
        type: "interactive",
        interactive: m.interactive,
        ...callback(m.bizOpaqueCallbackData),
      }),
    /** Text of any length: over 4096 characters it goes out as several messages, in order. */
    async sendText(
      phoneNumberId: string,
      token: string,
      m: {
        to: string;
        body: string;
        replyTo?: string;
        previewUrl?: boolean;
        bizOpaqueCallbackData?: string;
      },
    ) {
      const sent: Sent[] = [];
      for (const [i, body] of splitText(m.body).entries()) {
        sent.push(
          await send(phoneNumberId, token, m.to, {
            type: "text",
            text: { body, preview_url: m.previewUrl ?? false },
            ...(i === 0 && context(m.replyTo)),
            ...callback(m.bizOpaqueCallbackData),
          }),
        );
      }
      return sent;
    },
    sendButtons: (
      phoneNumberId: string,
      token: string,
      m: {
        to: string;
        body: string;
        buttons: Button[];
        header?: string;
        footer?: string;
        replyTo?: string;
      },
    ) =>
      send(phoneNumberId, token, m.to, {
        type: "interactive",
        ...context(m.replyTo),
        interactive: {
          type: "button",
          ...(m.header && { header: { type: "text", text: m.header } }),
          body: { text: m.body },
          ...(m.footer && { footer: { text: m.footer } }),
          action: { buttons: m.buttons.map((b) => ({ type: "reply", reply: b })) },
        },
      }),
    sendList: (
      phoneNumberId: string,
      token: string,
      m: {
        to: string;
        body: string;
        buttonText: string;
        sections: Section[];
        header?: string;
        footer?: string;
      },
    ) =>
      send(phoneNumberId, token, m.to, {
        type: "interactive",
        interactive: {
          type: "list",
          ...(m.header && { header: { type: "text", text: m.header } }),
          body: { text: m.body },
          ...(m.footer && { footer: { text: m.footer } }),
          action: { button: m.buttonText, sections: m.sections },
        },
      }),
    sendTemplate: (
      phoneNumberId: string,
      token: string,
      m: {
        to: string;
        name: string;
        languageCode: string;
        components?: unknown[];
        /** Comes back on this message's status webhooks, so they can be matched to their cause. */
        bizOpaqueCallbackData?: string;
        /**
         * A marketing template of a business onboarded to Meta's Marketing Messages API: sent
         * through its endpoint (same body as a message), which delivers by engagement.
         */
        marketing?: boolean;
      },
    ) =>
      send(
        phoneNumberId,
        token,
        m.to,
        {
          type: "template",
          template: {
            name: m.name,
            language: { code: m.languageCode },
            ...(m.components && { components: m.components }),
          },
          ...callback(m.bizOpaqueCallbackData),
        },
        m.marketing ? "marketing_messages" : "messages",
      ),
    /** Marks a customer's message read; with `typing`, shows the typing indicator (up to 25 s). */
    async markRead(
      phoneNumberId: string,
      token: string,
      m: { messageId: string; typing?: boolean },
    ) {
      await call({
        method: "POST",
        path: `${phoneNumberId}/messages`,
        token,
        schema: r.successResponse,
        json: {
          messaging_product: "whatsapp",
          status: "read",
          message_id: m.messageId,
          ...(m.typing && { typing_indicator: { type: "text" } }),
        },
      });
    },
    /**
     * Uploads a file for sending (`POST /{phone-number-id}/media`): Meta keeps it 30 days and
     * answers its media id, which a message then names.
     */
    async uploadMedia(
      phoneNumberId: string,
      token: string,
      file: { bytes: Uint8Array; mimeType: string; fileName: string },
    ): Promise<string> {
      const res = await call({
        method: "POST",
        path: `${pathSegment(phoneNumberId)}/media`,
        token,
        schema: r.mediaUploadResponse,
        multipart: () => {
          const form = new FormData();
          form.set("messaging_product", "whatsapp");
          form.set("type", file.mimeType);
          form.set(
            "file",
            new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }),
            file.fileName,
          );
          return form;
        },
      });
      return res.id;
    },
    /** A photo, document, audio file or video uploaded before, by its media id. */
    sendMedia: (
      phoneNumberId: string,
      token: string,
      m: {
        to: string;
        kind: "image" | "document" | "audio" | "video";
        mediaId: string;
        caption?: string;
        filename?: string;
        bizOpaqueCallbackData?: string;
      },
    ) =>
      send(phoneNumberId, token, m.to, {
        type: m.kind,
        [m.kind]: {
          id: m.mediaId,
          ...(m.caption && m.kind !== "audio" && { caption: m.caption }),
          ...(m.filename && m.kind === "document" && { filename: m.filename }),
        },
        ...callback(m.bizOpaqueCallbackData),
      }),
    /** Step one of a media download: a URL valid for five minutes. */
    getMedia: async (mediaId: string, token: string) =>
      call({ method: "GET", path: pathSegment(mediaId), token, schema: r.mediaResponse }),
    /**
     * Step two: the bytes, fetched with the same bearer token, as a stream that never holds the
     * file whole. A file announced larger than `maxBytes` is refused before any byte is read, and
     * the stream errors (cancelling the download) once more than `maxBytes` arrive.
     */
    async downloadMedia(
      url: string,
      token: string,
      limit: { maxBytes: number },
    ): Promise<MediaDownload> {
      const abort = new AbortController();
      // Until the headers arrive; then only a stall (no bytes for as long) ends the download.
      const waitMs = timeoutMs * 4;
      const headersTimer = setTimeout(
        () => abort.abort(new Error("Media download timed out")),
        waitMs,
      );
      let res: Response;
      try {
        res = await fetchFromMetaHosts(url, token, abort.signal);
      } finally {
        clearTimeout(headersTimer);
      }
      if (!res.ok) throw GraphError.fromResponse(res.status, await res.json().catch(() => null));
      const contentLength = byteCount(res.headers.get("content-length"));
      if (contentLength !== null && contentLength > limit.maxBytes) {
        await res.body?.cancel();
        throw new MediaTooLargeError(limit.maxBytes);
      }
      // A body-less 200 is an empty file.
      const body = res.body ?? new Blob([]).stream();
      return {
        body: capStream(body, limit.maxBytes, {
          idleMs: waitMs,
          onStall: () => abort.abort(new Error("Media download stalled")),
        }),
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        contentLength,
      };
    },
    async listTemplates(wabaId: string, token: string, after?: string) {
      const res = await call({
        method: "GET",
        path: `${wabaId}/message_templates`,
        token,
        schema: r.templatesResponse,
        query: {
          fields:
            "id,name,language,status,category,components,parameter_format,quality_score,rejected_reason",
          limit: "100",
          ...(after && { after }),
        },
      });
      return {
        templates: res.data,
        next: res.paging?.next ? (res.paging.cursors?.after ?? null) : null,
      };
    },
    /**
     * Submits a template for Meta's review. It is usable only once approved, which may take from
     * seconds to a day; its status comes back in the listing (and a template status webhook).
     */
    createTemplate: (
      wabaId: string,
      token: string,
      t: {
        name: string;
        language: string;
        category: "UTILITY" | "MARKETING" | "AUTHENTICATION";
        parameter_format?: "NAMED" | "POSITIONAL";
        components: unknown[];
      },
    ) =>
      call({
        method: "POST",
        path: `${pathSegment(wabaId)}/message_templates`,
        token,
        schema: r.createTemplateResponse,
        json: t,
      }),
    /**
     * Replaces a template's content (and, for a rejected or paused one, its category); Meta
     * reviews it again. Name and language never change.
     */
    editTemplate: (
      templateId: string,
      token: string,
      t: { category?: string; parameter_format?: string; components: unknown[] },
    ) =>
      call({
        method: "POST",
        path: pathSegment(templateId),
        token,
        schema: r.successResponse,
        json: t,
      }),
    /** Deletes one language of a template (with its id), or every language of the name. */
    deleteTemplate: (wabaId: string, token: string, t: { name: string; templateId?: string }) =>
      call({
        method: "DELETE",
        path: `${pathSegment(wabaId)}/message_templates`,
        token,
        schema: r.successResponse,
        query: { name: t.name, ...(t.templateId && { hsm_id: t.templateId }) },
      }),
    /**
     * Uploads a sample file through Meta's Resumable Upload API (a session on the app, then the
     * bytes in one piece) and returns the handle a media template header's example names.
     */
    async uploadSample(
      appId: string,
      token: string,
      file: { bytes: Uint8Array; mimeType: string; fileName: string },
    ): Promise<string> {
      const session = await call({
        method: "POST",
        path: `${pathSegment(appId)}/uploads`,
        token,
        schema: r.uploadSessionResponse,
        query: {
          file_name: file.fileName,
          file_length: String(file.bytes.length),
          file_type: file.mimeType,
        },
      });
      // The session id is Meta's own ("upload:…", sometimes with a signature query).
      if (!/^upload:[^/\\]+$/.test(session.id)) {
        throw new GraphError({
          code: -3,
          httpStatus: 0,
          message: "Unexpected upload session id from the Graph API",
          kind: "permanent",
        });
      }
      let res: Response;
      try {
        res = await doFetch(`${base}/${session.id}`, {
          method: "POST",
          headers: { authorization: `OAuth ${token}`, file_offset: "0" },
          body: new Blob([new Uint8Array(file.bytes)]),
          signal: AbortSignal.timeout(timeoutMs * 4),
        });
      } catch (cause) {
        throw GraphError.network(cause);
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw GraphError.fromResponse(res.status, body);
      const parsed = r.uploadHandleResponse.safeParse(body);
      if (!parsed.success) {
        throw new GraphError({
          code: -3,
          httpStatus: res.status,
          message: "Unexpected Graph API response for the upload",
          kind: "permanent",
        });
      }
      return parsed.data.h;
    },
    /** Embedded Signup: the 30-second code for a business token. The app secret goes in the body. */
    async exchangeCode(code: string, app: { appId: string; appSecret: string }) {
      const res = await call({
        method: "POST",
        path: "oauth/access_token",
        token: `${app.appId}|${app.appSecret}`,
        schema: r.tokenResponse,
        form: { client_id: app.appId, client_secret: app.appSecret, code },
      });
      return { accessToken: res.access_token, expiresIn: res.expires_in ?? null };
    },
    async subscribeApp(wabaId: string, token: string) {
      await call({
        method: "POST",
        path: `${wabaId}/subscribed_apps`,
        token,
        schema: r.successResponse,
      });
    },
    async registerNumber(phoneNumberId: string, token: string, pin: string) {
      await call({
        method: "POST",
        path: `${phoneNumberId}/register`,
        token,
        schema: r.successResponse,
        json: { messaging_product: "whatsapp", pin },
      });
    },
    /**
     * Coexistence: asks Meta to send the WhatsApp Business app's contacts (`smb_app_state_sync`)
     * or chat history (`history`) as webhooks. Once per number, within 24 hours of the signup.
     */
    async requestAppDataSync(
      phoneNumberId: string,
      token: string,
      syncType: "smb_app_state_sync" | "history",
    ) {
      const res = await call({
        method: "POST",
        path: `${pathSegment(phoneNumberId)}/smb_app_data`,
        token,
        schema: r.appDataSyncResponse,
        json: { messaging_product: "whatsapp", sync_type: syncType },
      });
      return { requestId: res.request_id ?? null };
    },
    getPhoneNumber: (phoneNumberId: string, token: string) =>
      call({
        method: "GET",
        path: phoneNumberId,
        token,
        schema: r.phoneNumberResponse,
        query: {
          fields:
            "display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,status,name_status,throughput",
        },
      }),
    /** The numbers under a WABA (a WABA holds at most a few dozen: one page of 100 covers it). */
    async listPhoneNumbers(wabaId: string, token: string) {
      const res = await call({
        method: "GET",
        path: `${wabaId}/phone_numbers`,
        token,
        schema: r.phoneNumbersResponse,
        query: { fields: "id,display_phone_number,verified_name,quality_rating", limit: "100" },
      });
      return res.data;
    },
    /** Token introspection with the app token (in the header, never the URL). */
    async debugToken(inputToken: string, app: { appId: string; appSecret: string }) {
      const res = await call({
        method: "GET",
        path: "debug_token",
        token: `${app.appId}|${app.appSecret}`,
        schema: r.debugTokenResponse,
        query: { input_token: inputToken },
      });
      const d = res.data;
      return {
        isValid: d.is_valid,
        appId: d.app_id ?? null,
        expiresAt: d.expires_at ? new Date(d.expires_at * 1000) : null,
        scopes: d.scopes ?? [],
      };
    },
  };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
