// The bot settings as the Bot page names them, for sentences about what changed ("changed the bot
// settings (time zone, outside hours)"): owners read these, never the fields' internal names.
export const BOT_SETTING_LABELS: Record<string, string> = {
  enabled: "answer customers automatically",
  aiEnabled: "answer with AI",
  systemPrompt: "instructions for the AI",
  tone: "tone",
  maxReplyLength: "maximum answer length",
  welcomeMessage: "welcome message",
  fallbackMessage: "fallback message",
  timezone: "time zone",
  businessHours: "business hours",
  awayMessage: "away message",
  outsideHours: "outside hours",
  defaultLanguage: "main language",
  aiDisclosure: "automated-assistant notice",
  systemMessages: "the bot's messages in each language",
  handoffKeywords: "hand-off phrases",
  maxMessagesPerHour: "bot answers per hour",
  maxMessagesPerUserPerDay: "messages per customer per day",
  escalationPhone: "WhatsApp number to alert",
  escalationEmail: "e-mail to alert",
  aiProvider: "AI provider",
  aiModel: "AI model",
  aiImages: "photos to the AI",
  aiBaseUrl: "API address",
  aiApiKey: "API key",
  alertTemplateName: "template for WhatsApp alerts",
  alertTemplateLanguage: "template for WhatsApp alerts",
};

/** The changed settings by their labels, each once, in the order given. */
export function settingLabels(fields: string[]): string[] {
  return [...new Set(fields.map((f) => BOT_SETTING_LABELS[f] ?? f))];
}
