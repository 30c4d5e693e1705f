import type { Language } from "./languages";
import { PhraseTable } from "./phrase-table";

// Whole-message commands, as carriers and Meta's marketing templates use them, in the languages
// Parley speaks. Template quick-reply payloads such as STOP_PROMOTIONS normalise to the same
// words; "parar" is Spanish and Portuguese alike, so the language is read as for any message. Words that usually mean something else alone ("cancelar" an order) are left out.
const table = new PhraseTable<"opt_out" | "opt_in">()
  .add("opt_out", {
    any: "stop, stop all, stopall, stop promotions, stop promotion, parar",
    en: "unsubscribe, unsubscribe me, opt out, optout, cancel subscription, end, quit",
    es: "baja, darme de baja, dar de baja, detener, no mas mensajes, cancelar suscripcion",
    pt: "sair, pare, descadastrar, cancelar inscricao, nao quero mais mensagens",
    fr: "arret, arreter, desabonner, me desabonner, desinscrire, desinscription",
    de: "stopp, abmelden, austragen, abbestellen, beenden",
    it: "basta, fermati, disiscrivimi, annulla iscrizione, cancella iscrizione",
    sw: "acha, sitisha, simamisha, jiondoe, niondoe",
    tr: "dur, durdur, abonelikten cik, abonelik iptal",
    id: "berhenti, hentikan, berhenti berlangganan",
    hi: "band karo, band, बंद, बंद करो, रोकें, रोको",
    ar: "ايقاف, توقف, الغاء الاشتراك, الغاء",
  })
  .add("opt_in", {
    any: "start",
    en: "unstop, subscribe, opt in, optin, resume",
    es: "alta, darme de alta, empezar, comenzar, suscribir, reanudar",
    pt: "voltar, iniciar, comecar, reativar, inscrever",
    fr: "demarrer, commencer, reprendre, abonner, me reabonner",
    de: "anmelden, fortsetzen",
    it: "avvia, inizia, riprendi, iscrivimi",
    sw: "anza, endelea, rejea",
    tr: "basla, baslat",
    id: "mulai, lanjut, berlangganan",
    hi: "shuru, shuru karo, शुरू, शुरू करो",
    ar: "ابدا, بدء, اشتراك",
  });

export type Command = { command: "opt_out" | "opt_in"; language: Language | null };

/** STOP or START (in any of Parley's languages) when that is the whole message. */
export function readCommand(text: string): Command | null {
  if (text.length > 60) return null;
  const found = table.readWhole(text);
  if (found?.length !== 1 || !found[0]) return null;
  return { command: found[0].kind, language: found[0].language };
}
