import { randomBytes } from "node:crypto";
import * as q from "@/db/queries/sandbox";
import { type EmulatorDeps, tokenMatches } from "./emulator-auth";
import { invalidToken, metaError } from "./meta-error";

// Meta's Resumable Upload API as the emulator plays it: `POST /{app-id}/uploads` opens a session
// for a file of a given type and length, `POST /upload:…` (with `Authorization: OAuth <token>`
// and `file_offset: 0`) takes the bytes and answers the handle a template's media example names.
// Sessions and handles live in this process only: the sandbox runs as one.

const TYPES = new Set(["image/jpeg", "image/jpg", "image/png", "video/mp4", "application/pdf"]);

type Session = { length: number; mimeType: string };
const store = globalThis as unknown as {
  __parleySandboxUploads?: { sessions: Map<string, Session>; handles: Map<string, string> };
};
store.__parleySandboxUploads ??= { sessions: new Map(), handles: new Map() };
const uploads = store.__parleySandboxUploads;

const oauth = (req: Request) =>
  /^OAuth\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ??
  /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ??
  null;

export async function openUploadSession(req: Request, url: URL, deps: EmulatorDeps) {
  if (!tokenMatches(oauth(req), await q.listAllTokens(deps.db), deps.keyring))
    return invalidToken();
  const length = Number(url.searchParams.get("file_length"));
  const mimeType = url.searchParams.get("file_type") ?? "";
  if (!Number.isInteger(length) || length <= 0)
    return metaError(400, 100, "Invalid parameter", "file_length must be a positive integer");
  if (!TYPES.has(mimeType))
    return metaError(400, 100, "Invalid parameter", `file_type ${mimeType} is not supported`);
  const id = `upload:${randomBytes(12).toString("base64url")}`;
  uploads.sessions.set(id, { length, mimeType });
  return Response.json({ id });
}

export async function receiveUpload(req: Request, id: string, deps: EmulatorDeps) {
  const session = uploads.sessions.get(id);
  if (!session) return metaError(400, 100, "Invalid parameter", "Unknown upload session");
  if (!tokenMatches(oauth(req), await q.listAllTokens(deps.db), deps.keyring))
    return invalidToken();
  if (req.headers.get("file_offset") !== "0")
    return metaError(400, 100, "Invalid parameter", "file_offset must be 0 for a new upload");
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length !== session.length) {
    return metaError(
      400,
      100,
      "Invalid parameter",
      `Received ${bytes.length} bytes of the ${session.length} announced`,
    );
  }
  uploads.sessions.delete(id);
  const handle = `4::${Buffer.from(session.mimeType).toString("base64url")}:${randomBytes(16).toString("base64url")}`;
  uploads.handles.set(handle, session.mimeType);
  return Response.json({ h: handle });
}

/** Whether the handle came from an upload here (Meta refuses a template naming anything else). */
export const isUploadedHandle = (handle: string) => uploads.handles.has(handle);
