import { errorResponse } from "@/lib/api/errors";
import { getEnv } from "@/lib/env";

/** Every sandbox route answers 404 unless the sandbox is on (SANDBOX, or no META_APP_SECRET). */
export function sandboxRoute<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  isOn: () => boolean = () => getEnv().sandbox,
) {
  return async (...args: A): Promise<Response> =>
    isOn() ? handler(...args) : errorResponse("not_found", "Not found.");
}
