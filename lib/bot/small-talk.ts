import type { Language } from "./languages";
import { PhraseTable } from "./phrase-table";

/**
 * Messages that are conversation, not a question. Greetings and goodbyes get a short reply in
 * kind, "are you a bot?" an honest answer; thanks, "ok" and a lone emoji need none.
 */
export type SmallTalkKind = "about_bot" | "goodbye" | "greeting" | "thanks" | "ack";

// Words that only pad the phrases around them ("hi there", "thanks so much", "ok great").
type Part = SmallTalkKind | "filler";

const table = new PhraseTable<Part>()
  .add("about_bot", {
    en: "are you a bot, are you a robot, are you bot, r u a bot, are u a bot, is this a bot, is this a robot, am i talking to a bot, am i talking to a robot, am i chatting with a bot, is this automated, are you human, are you a human, are you a real person, is this a real person, are you real, are you ai, are you an ai",
    es: "eres un bot, eres un robot, es un bot, es un robot, eres humano, eres una persona, eres una persona real, estoy hablando con un bot, es automatico",
    pt: "voce e um bot, voce e um robo, vc e um bot, vc e um robo, e um bot, e um robo, voce e humano, vc e humano, e uma pessoa, voce e uma pessoa real, estou falando com um robo, estou falando com um bot",
    fr: "es tu un robot, es tu un bot, etes vous un robot, etes vous un bot, c est un bot, c est un robot, tu es un robot, vous etes un robot, etes vous humain, es tu humain",
    de: "bist du ein bot, bist du ein roboter, sind sie ein bot, sind sie ein roboter, ist das ein bot, bist du ein mensch, sind sie ein mensch",
    it: "sei un bot, sei un robot, e un bot, sei umano, sei una persona, sto parlando con un bot",
    sw: "wewe ni roboti, wewe ni bot, ni roboti, ni bot, wewe ni mtu, wewe ni binadamu",
    tr: "bot musun, robot musun, sen bot musun, sen robot musun, insan misin, bu bir bot mu",
    id: "kamu bot, apakah kamu bot, ini bot, apakah ini bot, kamu robot, kamu manusia, apakah kamu manusia",
    hi: "kya aap bot ho, kya tum bot ho, kya aap robot ho, kya tum robot ho, kya aap insaan ho, क्या आप बॉट हैं, क्या आप रोबोट हैं",
    ar: "هل انت روبوت, هل انت بوت, انت روبوت, هل انت انسان",
  })
  .add("greeting", {
    any: "hi, hello, hey, hii, helo, hallo, halo, salam, assalamualaikum, assalamu alaikum, assalamu alaykum, salam alaikum, salaam",
    en: "hiya, howdy, yo, good morning, good afternoon, good evening, morning, evening, greetings, how are you, how r u, how are u, hru, whats up, what s up, sup, hey there",
    es: "hola, buenos dias, buen dia, buenas tardes, buenas noches, buenas, que tal, como estas, como esta, saludos",
    pt: "oi, ola, oie, bom dia, boa tarde, boa noite, tudo bem, tudo bom, e ai, opa, como vai",
    fr: "bonjour, bonsoir, salut, coucou, ca va, comment ca va, comment allez vous",
    de: "guten morgen, guten tag, guten abend, moin, servus, gruss gott, gruezi, wie gehts, wie geht es",
    it: "ciao, buongiorno, buonasera, salve, come stai, come va",
    sw: "habari, habari yako, habari zako, habari za asubuhi, habari za mchana, habari za jioni, habari gani, hujambo, jambo, mambo, vipi, shikamoo, niaje, salama",
    tr: "merhaba, selam, selamlar, gunaydin, iyi gunler, iyi aksamlar, nasilsin, nasilsiniz, slm, mrb",
    id: "hai, selamat pagi, selamat siang, selamat sore, selamat malam, apa kabar, permisi",
    hi: "namaste, namaskar, namaskaar, kaise ho, kya haal hai, नमस्ते, नमस्कार",
    ar: "السلام عليكم, مرحبا, اهلا, اهلا وسهلا, صباح الخير, مساء الخير, سلام",
  })
  .add("goodbye", {
    any: "bye, bye bye, byee, ciao",
    en: "goodbye, good bye, see you, see ya, cya, good night, take care, have a nice day, have a good day, later, ttyl",
    es: "adios, hasta luego, chao, chau, nos vemos, hasta pronto, hasta manana",
    pt: "tchau, ate logo, ate mais, falou, ate amanha, flw",
    fr: "au revoir, a bientot, bonne journee, bonne soiree, a plus, bonne nuit",
    de: "tschuss, tschau, auf wiedersehen, bis bald, bis dann, gute nacht, schonen tag",
    it: "arrivederci, a presto, buona giornata, buonanotte, ci vediamo",
    sw: "kwaheri, kwa heri, tutaonana, usiku mwema, baadaye",
    tr: "hosca kal, hoscakal, hosca kalin, gorusuruz, iyi geceler, bay bay",
    id: "sampai jumpa, dadah, selamat tinggal",
    hi: "alvida, phir milenge, अलविदा",
    ar: "مع السلامة, وداعا, ma salama",
  })
  .add("thanks", {
    en: "thanks, thank you, thankyou, thx, thnx, tnx, ty, tysm, many thanks, cheers, appreciate it, much appreciated",
    es: "gracias, muchas gracias, mil gracias",
    pt: "obrigado, obrigada, valeu, brigado, brigada, obg, vlw",
    fr: "merci, merci beaucoup, merci bien",
    de: "danke, danke schon, dankeschon, vielen dank",
    it: "grazie, grazie mille",
    sw: "asante, asante sana, ahsante, ahsante sana",
    tr: "tesekkurler, tesekkur ederim, tesekkurler, sagol, sag ol, sagolun, eyvallah",
    id: "terima kasih, makasih, trims, terimakasih",
    hi: "dhanyavad, dhanyawad, shukriya, धन्यवाद, शुक्रिया",
    ar: "شكرا, شكرا جزيلا, shukran",
  })
  .add("ack", {
    any: "ok, okay, okey, oki, okie, k, kk, ok ok, alright, all right, sure, cool, great, nice, perfect, fine, got it, noted, understood, haha, hahaha, hehe, lol, kkkk, super, top",
    es: "vale, de acuerdo, perfecto, genial, bueno, listo, dale, entendido",
    pt: "beleza, blz, certo, ta bom, ta, show, perfeito, entendi, tranquilo, combinado",
    fr: "d accord, dac, parfait, tres bien, entendu, ca marche",
    de: "alles klar, gut, verstanden, passt, prima, in ordnung",
    it: "va bene, perfetto, d accordo, capito",
    sw: "sawa, poa, sawa sawa, safi, nimeelewa, shwari, freshi",
    tr: "tamam, peki, anladim, tamamdir, olur",
    id: "oke, baik, siap, sip, mantap, oke deh",
    hi: "theek hai, thik hai, achha, accha, ठीक है",
    ar: "حسنا, تمام, طيب",
  })
  .add("filler", {
    any: "there, everyone, all, guys, friend, friends, sir, madam, team, so much, a lot, very much, again, you, too, and, dear, oh, ah",
  });

// Which reply a message made of several small-talk phrases gets ("ok thanks bye" is a goodbye).
const PRIORITY: SmallTalkKind[] = ["about_bot", "goodbye", "greeting", "thanks", "ack"];

const EMOJI_ONLY =
  /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u200D|\s|[!.?])+$/u;

const MAX_CHARS = 120;

export type SmallTalk = { kind: SmallTalkKind; language: Language | null };

/** The small talk a message is, or null when it asks or says something more. */
export function readSmallTalk(text: string): SmallTalk | null {
  const trimmed = text.trim();
  // Small talk is short; a long message is a question or a story, whatever it starts with.
  if (trimmed === "" || trimmed.length > MAX_CHARS) return null;
  if (EMOJI_ONLY.test(trimmed) && /\p{Extended_Pictographic}/u.test(trimmed)) {
    return { kind: "ack", language: null };
  }
  // Emoji around the words ("thanks 🙏", "hi 👋") are punctuation to the tables.
  const parts = table.readWhole(trimmed);
  if (!parts) return null;
  const kinds = new Set(parts.map((p) => p.kind));
  const kind = PRIORITY.find((k) => kinds.has(k));
  if (!kind) return null;
  const language = parts.find((p) => p.kind !== "filler" && p.language !== null)?.language ?? null;
  return { kind, language };
}
