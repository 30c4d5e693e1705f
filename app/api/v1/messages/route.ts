import { randomUUID } from "node:crypto";
import { getSentMessage } from "@/db/queries/start-message";
import { readJsonBody } from "@/lib/api/read-body";
import { withApiKey } from "@/lib/api/with-api-key";
import {
  messageRequest,
  messageResource,
  sendRefusalToApiError,
} from "@/lib/messages/api-messages";
import { startMessage } from "@/lib/messages/start-message";
import { sendMessageSchema } from "@/lib/validations/message";

// POST /api/v1/messages – a text inside the customer's 24-hour window, or an approved template;
// 202 with the message, pending until WhatsApp has it
export const POST = withApiKey(
  async ({ req, db, workspaceId }) => {
    const body = sendMessageSchema.parse(await readJsonBody(req, 100_000));
    const { to, content } = messageRequest(body);
    const started = await startMessage(
      { db, workspaceId, userId: null, clientId: randomUUID() },
      to,
      content,
    );
    if (!started.ok) throw sendRefusalToApiError(started);
    const message = await getSentMessage(db, { workspaceId, id: started.data.messageId });
    if (!message) throw new Error(`Message ${started.data.messageId} was queued but not found`);
    return Response.json({ data: messageResource(message) }, { status: 202 });
  },
  { scope: "write" },
);
