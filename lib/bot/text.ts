import { ara, deu, eng, fra, hin, ind, ita, por, spa, swa, tur } from "stopword";
import { FILLER, CHAT_SPELLING as LEXICON_CHAT } from "./lexicon";

// Text normalisation shared by FAQ matching, keyword rules and opt-out commands: case, accents,
// punctuation and light plural/verb endings do not matter.

/**
 * Lower case, accents removed, everything but letters and digits turned into single spaces.
 * Devanagari keeps its vowel signs (they are letters there, not accents), and Arabic's
 * interchangeable letter forms are folded (ة to ه, ى to ي, no tatweel).
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, (marks) => marks.replace(/[^\u0900-\u097F]/g, ""))
    .replace(/\u0640/g, "")
    .replace(/\u0629/g, "\u0647")
    .replace(/\u0649/g, "\u064A")
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

export function words(text: string): string[] {
  const n = normalize(text);
  return n === "" ? [] : n.split(" ");
}

/**
 * The words of a customer's text with chat spelling written out ("wat time u open 2day" reads
 * "what time you open today") and repeated letters folded ("pleeease").
 */
export function plainWords(text: string): string[] {
  const plain = words(text).flatMap((w) => {
    const folded = w.replace(/(\p{L})\1{2,}/gu, "$1");
    const meant = CHAT_SPELLING.get(folded);
    return meant === undefined ? [folded] : meant.split(" ");
  });
  return withoutGreetings(plain);
}

// Greetings of more than one word: "buenas noches" is a greeting, not a question about nights.
const GREETINGS = [
  "good morning",
  "good afternoon",
  "good evening",
  "good night",
  "good day",
  "buenos dias",
  "buenas tardes",
  "buenas noches",
  "bom dia",
  "boa tarde",
  "boa noite",
  "bonne journee",
  "bonne soiree",
  "bonne nuit",
  "guten morgen",
  "guten tag",
  "guten abend",
  "gute nacht",
  "buona giornata",
  "buona sera",
  "buona notte",
  "iyi gunler",
  "iyi aksamlar",
  "iyi geceler",
  "selamat pagi",
  "selamat siang",
  "selamat sore",
  "selamat malam",
  "habari za asubuhi",
  "habari za mchana",
  "habari za jioni",
  "usiku mwema",
  "shubh prabhat",
  "shubh ratri",
  "sabah el kheir",
  "masa el kheir",
  "صباح الخير",
  "مساء الخير",
].map((g) => normalize(g).split(" "));

function withoutGreetings(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const g = GREETINGS.find((words) => words.every((w, j) => tokens[i + j] === w));
    if (g) i += g.length;
    else out.push(tokens[i++] as string);
  }
  return out;
}

// Chat spelling and abbreviations customers type, and the word they mean.
const OWN_CHAT_SPELLING: Record<string, string> = {
  u: "you",
  ur: "your",
  urs: "yours",
  r: "are",
  y: "why",
  wat: "what",
  wht: "what",
  wot: "what",
  hw: "how",
  hww: "how",
  wen: "when",
  whn: "when",
  wer: "where",
  wher: "where",
  whr: "where",
  pls: "please",
  plz: "please",
  plss: "please",
  pleasee: "please",
  thx: "thanks",
  thnx: "thanks",
  tnx: "thanks",
  ty: "thanks",
  msg: "message",
  num: "number",
  nr: "number",
  "2day": "today",
  tdy: "today",
  "2morrow": "tomorrow",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tomoro: "tomorrow",
  "2nite": "tonight",
  tonite: "tonight",
  "4": "for",
  b4: "before",
  abt: "about",
  bcoz: "because",
  coz: "because",
  cuz: "because",
  n: "and",
  nd: "and",
  gud: "good",
  pic: "picture",
  pics: "pictures",
  info: "information",
  appt: "appointment",
  asap: "urgent",
  any1: "anyone",
  some1: "someone",
  sum1: "someone",
  k: "ok",
  kk: "ok",
  q: "que",
  xq: "porque",
  pq: "porque",
  tb: "tambien",
  tmb: "tambien",
  xa: "para",
  pa: "para",
  xfa: "favor",
  porfa: "favor",
  cn: "con",
  dnd: "donde",
  sta: "esta",
  vc: "voce",
  vcs: "voces",
  tbm: "tambem",
  qdo: "quando",
  qto: "quanto",
  hj: "hoje",
  blz: "beleza",
  obg: "obrigado",
  vlw: "valeu",
  mto: "muito",
  td: "tudo",
  stp: "svp",
  slt: "salut",
  mrc: "merci",
  bcp: "beaucoup",
  qd: "quand",
  pr: "pour",
  ds: "dans",
  dgn: "dengan",
  yg: "yang",
  gk: "tidak",
  ga: "tidak",
  gak: "tidak",
  tdk: "tidak",
  bs: "bisa",
  bsa: "bisa",
  udh: "sudah",
  sdh: "sudah",
  blm: "belum",
  krn: "karena",
  utk: "untuk",
  jg: "juga",
  aja: "saja",
  sy: "saya",
  km: "kamu",
  brp: "berapa",
  gmn: "gimana",
  mbona: "kwa nini",
  sasa: "sasa",
  kb: "kab",
  kaha: "kahan",
  kese: "kaise",
  slm: "selam",
  mrb: "merhaba",
  tsk: "tesekkurler",
  tskler: "tesekkurler",
  nbr: "naber",
  xke: "perche",
  cmq: "comunque",
  nn: "non",
  qlc: "qualcosa",
  dv: "dove",
};

const CHAT_SPELLING = new Map<string, string>();
for (const [typed, meant] of Object.entries({ ...OWN_CHAT_SPELLING, ...LEXICON_CHAT })) {
  const key = normalize(typed);
  if (key !== "" && !key.includes(" ")) CHAT_SPELLING.set(key, normalize(meant));
}

// Function words and chat filler in the languages customers write in: the `stopword` package's
// lists for the eleven languages Parley reads, plus chat words those lists lack. They carry no
// topic, so neither side of a match counts them; a word the customer-service vocabulary names
// (`./lexicon`) is read as its concept first.
const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for from with about into over as is are was were be been
  being am do does did doing done have has had having i me my mine we us our you your yours u ur ya
  he she it its they them their this that these those there here what whats which who whom whose
  when where why how hows can could would should will shall may might must not no yes yeah yep ok
  okay pls plz please thanks thank thx ty hi hello hey hiya dear sir madam guys guy there just also
  so too very really any some get got one ones much many more most tell let know need want like
  im ive id dont cant wont isnt arent doesnt didnt hv gonna wanna
  el la los las un una unos unas y o de del al en por para con sin que como cual cuales es son
  esta estan ser hay mi mis tu tus su sus yo me te se nos le les lo hola gracias por favor quiero
  puedo puede pueden tienen tiene hacer
  le les des du de la et ou en au aux un une est sont je tu il elle nous vous ils mon ma mes ton ta
  tes son sa ses ce cette ces qui que quoi comment quand bonjour merci svp pour avec sans dans peux
  peut pouvez avez avoir
  o a os as um uma e ou de do da dos das em no na nos nas por para com sem que como qual eu voce
  voces ele ela meu minha seu sua ola obrigado obrigada posso pode podem tem
  der die das den dem des ein eine einen einem und oder zu im am ist sind ich du er sie wir ihr
  mein meine dein deine wie was wann wo warum hallo danke bitte kann konnen habt haben hat
  na ya wa za kwa ni je habari asante tafadhali mimi wewe sisi nini gani lini wapi naweza`
    .split(/\s+/)
    .concat(Object.values(FILLER).flat().map(normalize))
    .concat([eng, spa, por, fra, deu, ita, swa, tur, ind, hin, ara].flat().map(normalize))
    .filter((w) => w !== "" && !w.includes(" ")),
);

/** A light stemmer: plural and common verb endings go, so "returns" and "returning" meet "return". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** Topic terms of a text: normalised, stop words dropped, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

export const isStopword = (word: string) => STOPWORDS.has(word);

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "opne" is one
 * edit from "open"), giving up once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  const first = rows[0] as number[];
  for (let j = 0; j <= b.length; j++) first[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]?.[b.length] as number;
}

/**
 * The first of `phrases` whose words all appear, in order and adjacent, in `text` (both
 * normalised). The text is normalised once, so a long message costs one pass plus one substring
 * search per phrase.
 */
export function findPhrase(text: string, phrases: readonly string[]): string | undefined {
  if (phrases.length === 0) return undefined;
  const t = ` ${normalize(text)} `;
  return phrases.find((phrase) => {
    const p = normalize(phrase);
    return p !== "" && t.includes(` ${p} `);
  });
}

/** How many characters of a customer's message the FAQ matcher and the AI read by default. */
export const DEFAULT_INPUT_CHARS = 2000;

/**
 * The start of a long message, at most `max` characters, cut at a word end when one is near so
 * no word is read half, and marked with "…" so the AI knows there was more. Short text is
 * returned as it is.
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  // Never split a surrogate pair (an emoji, say) in two.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const space = text.slice(Math.max(0, end - 40), end + 1).search(/\s\S*$/);
  if (space >= 0) end = Math.max(0, end - 40) + space;
  return `${text.slice(0, end).trimEnd()}…`;
}
