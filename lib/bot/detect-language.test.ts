import { describe, expect, it } from "vitest";
import { customerLanguage, detectLanguage } from "./detect-language";
import { LANGUAGE_CODES } from "./languages";
import {
  DEFAULT_SYSTEM_MESSAGES,
  SYSTEM_MESSAGE_KINDS,
  systemMessage,
  untranslatedOwnerText,
} from "./system-messages";

describe("detectLanguage", () => {
  it.each([
    ["when do you open on saturday?", "en"],
    ["¿A qué hora abren el sábado?", "es"],
    ["Vocês entregam em Pinheiros?", "pt"],
    ["Quels sont vos horaires d'ouverture samedi ?", "fr"],
    ["Wann habt ihr am Samstag geöffnet?", "de"],
    ["A che ora aprite sabato?", "it"],
    ["Mnafungua saa ngapi leo?", "sw"],
    ["Cumartesi kaçta açılıyorsunuz?", "tr"],
    ["Jam berapa buka hari Sabtu?", "id"],
    ["आप शनिवार को कितने बजे खुलते हैं?", "hi"],
    ["متى تفتحون يوم السبت؟", "ar"],
  ])("%s is %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each(["ok", "hi", "STOP", "Si", "123 456", "👍"])(
    "%s is too short to tell: the caller's default applies",
    (text) => {
      expect(detectLanguage(text)).toBeNull();
    },
  );

  it("reads a message opening with ¿ or ¡ as Spanish when the detector is unsure", () => {
    expect(detectLanguage("¿Venden bicicletas?")).toBe("es");
    expect(detectLanguage("¡Gracias!")).toBe("es");
    expect(detectLanguage("  ¿Abren hoy?")).toBe("es");
    // Without the mark, the same words stay too unclear to tell.
    expect(detectLanguage("Venden bicicletas?")).toBeNull();
  });
});

describe("systemMessage", () => {
  const settings = {
    defaultLanguage: "en",
    systemMessages: null,
    welcomeMessage: null,
    fallbackMessage: DEFAULT_SYSTEM_MESSAGES.en.fallback,
    awayMessage: null,
  };

  it("has every message in every language", () => {
    for (const language of LANGUAGE_CODES) {
      for (const kind of SYSTEM_MESSAGE_KINDS) {
        expect(DEFAULT_SYSTEM_MESSAGES[language][kind].trim(), `${language}.${kind}`).not.toBe("");
      }
    }
  });

  it("uses the owner's wording for a language, over Parley's default", () => {
    const own = { ...settings, systemMessages: { sw: { fallback: "Samahani! Tupigie simu." } } };
    expect(systemMessage(own, "fallback", "sw")).toBe("Samahani! Tupigie simu.");
    expect(systemMessage(own, "fallback", "fr")).toBe(DEFAULT_SYSTEM_MESSAGES.fr.fallback);
  });

  it("uses the owner's general fallback and away wording in every language they left empty", () => {
    const own = {
      ...settings,
      fallbackMessage: "Call us on 0700 123 456.",
      awayMessage: "Closed!",
    };
    expect(systemMessage(own, "fallback", "en")).toBe("Call us on 0700 123 456.");
    expect(systemMessage(own, "away", "en")).toBe("Closed!");
    expect(systemMessage(own, "fallback", "es")).toBe("Call us on 0700 123 456.");
    expect(untranslatedOwnerText(own, "fallback", "es")).toBe("Call us on 0700 123 456.");
    expect(untranslatedOwnerText(own, "fallback", "en")).toBeNull();
    // Parley's own wording, never the owner's, stays per language.
    expect(systemMessage(own, "handoff", "es")).toBe(DEFAULT_SYSTEM_MESSAGES.es.handoff);
    expect(untranslatedOwnerText(own, "handoff", "es")).toBeNull();
  });

  it("does not answer a Portuguese workspace with the English fallback it started with", () => {
    expect(systemMessage({ ...settings, defaultLanguage: "pt" }, "fallback", "pt")).toBe(
      DEFAULT_SYSTEM_MESSAGES.pt.fallback,
    );
  });
});

describe("customerLanguage", () => {
  it("takes the newest message whose language can be told", () => {
    expect(customerLanguage(["ok", "Obrigado, vocês abrem no sábado de manhã?"], "en")).toBe("pt");
    expect(customerLanguage(["Asante sana kwa msaada wenu leo", "Hello there, thanks"], "en")).toBe(
      "sw",
    );
  });

  it("falls back to the workspace's language, or English when that is not one Parley speaks", () => {
    expect(customerLanguage(["ok", "👍"], "es")).toBe("es");
    expect(customerLanguage([], "xx")).toBe("en");
  });
});
