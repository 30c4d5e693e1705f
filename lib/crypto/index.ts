import { getEnv } from "@/lib/env";
import { createKeyring, type Keyring } from "./keyring";

export function getKeyring(): Keyring {
  const env = getEnv();
  return createKeyring(env.encryptionKey, env.encryptionKeyPrevious);
}
