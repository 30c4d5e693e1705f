import { describe, expect, it } from "vitest";
import { readSmallTalk } from "./small-talk";

describe("readSmallTalk", () => {
  it.each([
    ["hi", "greeting", null],
    ["Hiii!!", "greeting", null],
    ["hello there 👋", "greeting", null],
    ["Good morning", "greeting", "en"],
    ["bom dia", "greeting", "pt"],
    ["Oi, tudo bem?", "greeting", "pt"],
    ["hola", "greeting", "es"],
    ["Buenas tardes", "greeting", "es"],
    ["habari", "greeting", "sw"],
    ["Habari za asubuhi", "greeting", "sw"],
    ["merhaba", "greeting", "tr"],
    ["Günaydın", "greeting", "tr"],
    ["assalamualaikum", "greeting", null],
    ["السلام عليكم", "greeting", "ar"],
    ["namaste", "greeting", "hi"],
    ["नमस्ते", "greeting", "hi"],
    ["Bonjour !", "greeting", "fr"],
    ["guten Morgen", "greeting", "de"],
    ["ciao", "goodbye", null],
    ["selamat pagi", "greeting", "id"],
    ["thanks", "thanks", "en"],
    ["Thank you so much!", "thanks", "en"],
    ["obrigada", "thanks", "pt"],
    ["asante sana", "thanks", "sw"],
    ["teşekkürler", "thanks", "tr"],
    ["شكرًا", "thanks", "ar"],
    ["ok", "ack", null],
    ["Okkk", "ack", null],
    ["ok thanks", "thanks", "en"],
    ["sawa", "ack", "sw"],
    ["👍", "ack", null],
    ["🙏🏽", "ack", null],
    ["❤️❤️", "ack", null],
    ["bye", "goodbye", null],
    ["ok thanks, bye!", "goodbye", "en"],
    ["tchau", "goodbye", "pt"],
    ["kwaheri", "goodbye", "sw"],
    ["Are you a bot?", "about_bot", "en"],
    ["hi, are you a real person?", "about_bot", "en"],
    ["eres un bot?", "about_bot", "es"],
    ["você é um robô?", "about_bot", "pt"],
  ])("%s is %s", (text, kind, language) => {
    expect(readSmallTalk(text)).toEqual({ kind, language });
  });

  it.each([
    "hi, when do you open?",
    "hello, do you also fix bicycles?",
    "thanks, and how much is delivery?",
    "bom dia, vocês entregam em Pinheiros?",
    "habari, mnafungua saa ngapi?",
    "ok but what about Sunday",
    "you",
    "",
    "yes",
    "hi 🙂 price of the red guitar?",
  ])("%s is not small talk", (text) => {
    expect(readSmallTalk(text)).toBeNull();
  });
});
