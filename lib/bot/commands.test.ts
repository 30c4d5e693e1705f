import { describe, expect, it } from "vitest";
import { readCommand } from "./commands";

describe("readCommand", () => {
  it.each([
    ["STOP", "opt_out", null],
    ["Stop!", "opt_out", null],
    ["STOP_PROMOTIONS", "opt_out", null],
    ["unsubscribe", "opt_out", "en"],
    ["PARAR", "opt_out", null],
    ["BAJA", "opt_out", "es"],
    ["SAIR", "opt_out", "pt"],
    ["ARRÊTER", "opt_out", "fr"],
    ["STOPP", "opt_out", "de"],
    ["basta", "opt_out", "it"],
    ["ACHA", "opt_out", "sw"],
    ["DUR", "opt_out", "tr"],
    ["BERHENTI", "opt_out", "id"],
    ["बंद करो", "opt_out", "hi"],
    ["إيقاف", "opt_out", "ar"],
    ["START", "opt_in", null],
    ["ALTA", "opt_in", "es"],
    ["VOLTAR", "opt_in", "pt"],
    ["DÉMARRER", "opt_in", "fr"],
    ["anmelden", "opt_in", "de"],
    ["AVVIA", "opt_in", "it"],
    ["ANZA", "opt_in", "sw"],
    ["BAŞLA", "opt_in", "tr"],
    ["MULAI", "opt_in", "id"],
    ["शुरू", "opt_in", "hi"],
    ["ابدأ", "opt_in", "ar"],
  ])("%s is %s", (text, command, language) => {
    expect(readCommand(text)).toEqual({ command, language });
  });

  it.each([
    "please stop sending me the catalogue and tell me the price",
    "stop by the shop?",
    "when do you start",
    "cancelar",
    "acha nikuulize bei",
  ])("%s is not a command", (text) => {
    expect(readCommand(text)).toBeNull();
  });
});
