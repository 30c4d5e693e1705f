import { z } from "zod";

// Graph API responses Parley reads; loose, so fields Meta adds do not break it.
export const sendResponse = z.looseObject({
  messages: z
    .array(z.looseObject({ id: z.string(), message_status: z.string().optional() }))
    .min(1),
  contacts: z
    .array(z.looseObject({ input: z.string().optional(), wa_id: z.string().optional() }))
    .optional(),
});
export const successResponse = z.looseObject({ success: z.boolean() });
/** `POST /{phone-number-id}/smb_app_data`: Meta acknowledges a Coexistence sync request. */
export const appDataSyncResponse = z.looseObject({
  messaging_product: z.string().optional(),
  request_id: z.string().optional(),
});
export const mediaResponse = z.looseObject({
  url: z.url(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string()]).optional(),
  id: z.string(),
});
export const templatesResponse = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: z.string(),
      language: z.string(),
      status: z.string(),
      category: z.string().optional(),
      parameter_format: z.string().optional(),
      quality_score: z.looseObject({ score: z.string().optional() }).optional(),
      rejected_reason: z.string().optional(),
      components: z
        .array(
          z.looseObject({
            type: z.string(),
            format: z.string().optional(),
            text: z.string().optional(),
            buttons: z
              .array(
                z.looseObject({
                  type: z.string(),
                  text: z.string().optional(),
                  url: z.string().optional(),
                }),
              )
              .optional(),
          }),
        )
        .optional(),
    }),
  ),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});
export const createTemplateResponse = z.looseObject({
  id: z.string(),
  status: z.string(),
  category: z.string(),
});
export const uploadSessionResponse = z.looseObject({ id: z.string() });
export const mediaUploadResponse = z.looseObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
});
export const uploadHandleResponse = z.looseObject({ h: z.string().min(1) });
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});
export const phoneNumberResponse = z.looseObject({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
  // Plain strings, not enums: Meta adds values, and an unknown one must not fail the call.
  code_verification_status: z.string().optional(),
  platform_type: z.string().optional(),
  status: z.string().optional(),
  name_status: z.string().optional(),
  throughput: z.looseObject({ level: z.string() }).optional(),
});
export const phoneNumbersResponse = z.looseObject({
  data: z.array(
    z.looseObject({
      id: z.string(),
      display_phone_number: z.string().optional(),
      verified_name: z.string().optional(),
      quality_rating: z.string().optional(),
    }),
  ),
  paging: z
    .looseObject({
      cursors: z.looseObject({ after: z.string().optional() }).optional(),
      next: z.string().optional(),
    })
    .optional(),
});
export const debugTokenResponse = z.looseObject({
  data: z.looseObject({
    app_id: z.string().optional(),
    is_valid: z.boolean(),
    expires_at: z.number().optional(),
    scopes: z.array(z.string()).optional(),
    granular_scopes: z
      .array(z.looseObject({ scope: z.string(), target_ids: z.array(z.string()).optional() }))
      .optional(),
  }),
});

export type Template = z.infer<typeof templatesResponse>["data"][number];
export type PhoneNumberDetails = z.infer<typeof phoneNumberResponse>;
export type WabaPhoneNumber = z.infer<typeof phoneNumbersResponse>["data"][number];
