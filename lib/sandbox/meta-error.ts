import { randomBytes } from "node:crypto";

// Errors in the Graph API's own shape, so the client under test parses exactly what Meta sends.
export function metaError(
  status: number,
  code: number,
  message: string,
  details?: string,
): Response {
  return Response.json(
    {
      error: {
        message,
        type: code === 190 ? "OAuthException" : "GraphMethodException",
        code,
        ...(details && { error_data: { messaging_product: "whatsapp", details } }),
        fbtrace_id: randomBytes(9).toString("base64url"),
      },
    },
    { status },
  );
}

export const invalidToken = () =>
  metaError(401, 190, "Invalid OAuth access token - Cannot parse access token");

export const unknownObject = (id: string) =>
  metaError(
    400,
    100,
    `Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  );

export const newWamid = () => `wamid.HBgM${randomBytes(18).toString("hex").toUpperCase()}`;
