// The approved templates every sandbox WABA has, in the Graph API's listing shape.
export const SANDBOX_TEMPLATES = [
  {
    id: "900000000000001",
    name: "hello_world",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    components: [
      {
        type: "BODY",
        text: "Hello {{1}}, thanks for getting in touch. Reply to continue the conversation.",
      },
    ],
  },
  {
    id: "900000000000002",
    name: "order_update",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Hi {{1}}, your order {{2}} is {{3}}." }],
  },
  {
    id: "900000000000003",
    name: "appointment_reminder",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Reminder: your appointment is on {{1}} at {{2}}." }],
  },
];
