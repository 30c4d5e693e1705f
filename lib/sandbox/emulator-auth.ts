import type { Database } from "@/db";
import * as q from "@/db/queries/sandbox";
import type { Keyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import { constantTimeEqual } from "@/lib/whatsapp/signature";
import { invalidToken, unknownObject } from "./meta-error";

export type EmulatorDeps = {
  db: Database;
  keyring: Keyring;
  appUrl: string;
  app: { appId: string; appSecret: string };
  /** Runs work after the response (status webhooks), as Meta sends them after accepting. */
  later: (task: () => Promise<void>) => void;
  /** How long the emulated review of a submitted template takes; 0 approves on submission. */
  templateReviewMs?: number;
};

export const bearer = (req: Request) =>
  /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? null;

export function tokenMatches(
  given: string | null,
  tokens: q.SandboxToken[],
  keyring: Keyring,
): boolean {
  if (!given) return false;
  return tokens.some((t) => {
    try {
      return constantTimeEqual(given, decryptSecret(t.envelope, keyring, t.context, t.owner));
    } catch {
      // An envelope this keyring cannot open is simply not a match, as a revoked token at Meta.
      return false;
    }
  });
}

/**
 * Meta's answer to a bearer that may not touch an object: a token that is valid elsewhere is
 * told the object does not exist for it (100), a token valid nowhere is invalid (190).
 */
export async function refuseBearer(req: Request, id: string, deps: EmulatorDeps) {
  const validElsewhere = tokenMatches(bearer(req), await q.listAllTokens(deps.db), deps.keyring);
  return validElsewhere ? unknownObject(id) : invalidToken();
}

/** The number, when it exists and the bearer is its own token; otherwise the error Meta gives. */
export async function authorizeNumber(
  req: Request,
  id: string,
  deps: EmulatorDeps,
): Promise<q.SandboxNumber | Response> {
  const number = await q.getSandboxNumber(deps.db, id);
  if (!number) return unknownObject(id);
  return tokenMatches(bearer(req), number.tokens, deps.keyring)
    ? number
    : refuseBearer(req, id, deps);
}
