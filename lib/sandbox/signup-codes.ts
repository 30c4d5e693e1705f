import { randomBytes } from "node:crypto";

type Issued = { accessToken: string; expiresAt: number };

// Codes from the simulated Embedded Signup popup: valid 30 seconds and once, as Meta's are.
const store = globalThis as unknown as { __parleySandboxCodes?: Map<string, Issued> };
const codes = () => {
  store.__parleySandboxCodes ??= new Map();
  return store.__parleySandboxCodes;
};

export function issueSandboxCode(accessToken: string, ttlMs = 30_000): string {
  const code = `sandbox-code-${randomBytes(16).toString("hex")}`;
  codes().set(code, { accessToken, expiresAt: Date.now() + ttlMs });
  return code;
}

export function redeemSandboxCode(code: string): string | null {
  const issued = codes().get(code);
  codes().delete(code);
  return issued && issued.expiresAt > Date.now() ? issued.accessToken : null;
}
