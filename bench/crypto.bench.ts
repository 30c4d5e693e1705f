import { randomBytes } from "node:crypto";
import { hashApiKey } from "@/lib/crypto/api-keys";
import { createKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { ms, percentile, type Row, timeRuns } from "./stats";

// Per-message costs on the send path: decrypting a workspace token, and hashing an API key.
export async function cryptoBench(): Promise<Row[]> {
  const ring = createKeyring(randomBytes(32).toString("base64"));
  const token = `EAAG${randomBytes(150).toString("base64url")}`;
  const workspaceId = "4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c34";
  const envelope = encryptSecret(token, ring, "channels.access_token", workspaceId);
  const rows: Row[] = [];
  const runs = 20_000;
  const enc = await timeRuns(runs, () =>
    encryptSecret(token, ring, "channels.access_token", workspaceId),
  );
  const dec = await timeRuns(runs, () =>
    decryptSecret(envelope, ring, "channels.access_token", workspaceId),
  );
  const hash = await timeRuns(runs, () => hashApiKey("prl_abcdefghijklmnopqrstuvwxyz012345"));
  for (const [name, t] of [
    ["encrypt token", enc],
    ["decrypt token", dec],
    ["hash API key", hash],
  ] as const) {
    rows.push({
      benchmark: name,
      engine: "node",
      n: runs,
      p50: ms(percentile(t, 50)),
      p95: ms(percentile(t, 95)),
    });
  }
  return rows;
}
