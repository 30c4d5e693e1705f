import type { Database } from "@/db";
import {
  addSandboxNumber,
  createSandboxAccount,
  getSandboxAccount,
  getSandboxNumber,
  getSandboxWaba,
  replaceSandboxWabaToken,
} from "@/db/queries/sandbox";
import type { Keyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { SandboxSignup } from "@/lib/validations/sandbox-signup";
import { sandboxAccessToken, sandboxDisplayNumber, sandboxId } from "./ids";
import { issueSandboxCode } from "./signup-codes";

type Deps = { db: Database; keyring: Keyring };

export type SimulatedSignup = {
  code: string;
  wabaId: string;
  phoneNumberId?: string;
  businessId: string;
};

// A business token belongs to its WABA (every number under it shares one), so it is bound to it.
const seal = (deps: Deps, wabaId: string, token: string) =>
  encryptSecret(token, deps.keyring, "sandbox_accounts.access_token", wabaId);

/**
 * What Meta does when a business finishes Embedded Signup: the WABA (and number) exist, a fresh
 * business token is minted for Parley's app, and a 30-second code for it goes back to the page.
 * Null when a number to re-authorize is unknown.
 */
export async function simulateSignup(
  deps: Deps,
  input: SandboxSignup,
): Promise<SimulatedSignup | null> {
  const token = sandboxAccessToken();
  if (input.phoneNumberId) return reauthorize(deps, input.phoneNumberId, token);
  const account = {
    wabaId: sandboxId(),
    businessId: sandboxId(),
    phoneNumberId: input.withNumber || input.businessApp ? sandboxId() : null,
  };
  const businessApp = input.businessApp
    ? {
        // The app's number is in use already: no /register, and it may sync within 24 hours.
        registeredAt: new Date(),
        businessAppAt: new Date(),
        historyShared: input.shareHistory,
      }
    : {};
  await createSandboxAccount(deps.db, {
    ...account,
    displayPhoneNumber: account.phoneNumberId ? sandboxDisplayNumber() : "",
    verifiedName: input.verifiedName,
    accessTokenEncrypted: seal(deps, account.wabaId, token),
    ...businessApp,
  });
  return {
    code: issueSandboxCode(token),
    wabaId: account.wabaId,
    businessId: account.businessId,
    ...(account.phoneNumberId && { phoneNumberId: account.phoneNumberId }),
  };
}

async function reauthorize(
  deps: Deps,
  phoneNumberId: string,
  token: string,
): Promise<SimulatedSignup | null> {
  const account = await getSandboxAccount(deps.db, phoneNumberId);
  if (account) {
    await replaceSandboxWabaToken(deps.db, {
      wabaId: account.wabaId,
      accessTokenEncrypted: seal(deps, account.wabaId, token),
    });
    return {
      code: issueSandboxCode(token),
      wabaId: account.wabaId,
      phoneNumberId,
      businessId: account.businessId,
    };
  }
  // A number imported directly (no signup yet) gets its Meta-side account now; it is in use
  // already, so it counts as registered.
  const number = await getSandboxNumber(deps.db, phoneNumberId);
  if (!number) return null;
  const wabaId = number.wabaId ?? sandboxId();
  const businessId = (await getSandboxWaba(deps.db, wabaId))?.businessId ?? sandboxId();
  await createSandboxAccount(deps.db, {
    phoneNumberId,
    wabaId,
    businessId,
    displayPhoneNumber: number.displayPhoneNumber ?? phoneNumberId,
    verifiedName: number.verifiedName ?? number.workspaceName ?? "Sandbox business",
    accessTokenEncrypted: seal(deps, wabaId, token),
    registeredAt: new Date(),
  });
  await replaceSandboxWabaToken(deps.db, {
    wabaId,
    accessTokenEncrypted: seal(deps, wabaId, token),
  });
  return { code: issueSandboxCode(token), wabaId, phoneNumberId, businessId };
}

/** A number added to a WABA afterwards, as in WhatsApp Manager. Null for an unknown WABA. */
export async function addNumberToSandboxWaba(deps: Pick<Deps, "db">, wabaId: string) {
  const phoneNumberId = sandboxId();
  const displayPhoneNumber = sandboxDisplayNumber();
  const added = await addSandboxNumber(deps.db, { wabaId, phoneNumberId, displayPhoneNumber });
  return added ? { phoneNumberId, displayPhoneNumber } : null;
}
