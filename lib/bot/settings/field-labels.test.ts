import { describe, expect, it } from "vitest";
import { botFields } from "@/lib/validations/bot-settings";
import { BOT_SETTING_LABELS, settingLabels } from "./field-labels";

describe("bot setting labels", () => {
  it("names every setting the form saves", () => {
    const fields = [...Object.keys(botFields), "aiProvider", "aiModel", "aiBaseUrl", "aiApiKey"];
    expect(fields.filter((f) => !BOT_SETTING_LABELS[f])).toEqual([]);
  });

  it("names a setting once, even when two of its fields changed", () => {
    expect(settingLabels(["alertTemplateName", "alertTemplateLanguage", "timezone"])).toEqual([
      "template for WhatsApp alerts",
      "time zone",
    ]);
  });
});
