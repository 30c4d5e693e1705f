import { request } from "node:http";
import type { OperationArgs, OperationName, OperationResult } from "./operations";

/** Asks the server holding the embedded database to run an operator command. */
export function callControlServer<N extends OperationName>(
  socketPath: string,
  name: N,
  args: OperationArgs<N>,
): Promise<OperationResult<N>> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path: `/operations/${name}`,
        method: "POST",
        headers: { "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => {
          try {
            const parsed = JSON.parse(body) as { result?: OperationResult<N>; error?: string };
            if (res.statusCode === 200) resolve(parsed.result as OperationResult<N>);
            else
              reject(
                new Error(`The running server refused ${name}: ${parsed.error ?? res.statusCode}`),
              );
          } catch {
            reject(
              new Error(`The running server answered ${name} with something that is not JSON`),
            );
          }
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(args));
  });
}
