import type { RateRow } from "./rates";

/** When the shipped snapshot of Meta's rate card was taken (shown beside the estimates). */
export const DEFAULT_RATES_AS_OF = "2025-07";

type Market = {
  name: string;
  /** ISO 3166 codes; "other" is every country no market lists. */
  countries: string[];
  /** USD per delivered message: marketing, utility, authentication, authentication international. */
  usd: [number, number, number, number?];
};

// Meta's published per-message rates (USD) by market, as of DEFAULT_RATES_AS_OF. Service messages
// are free and have no rate; marketing_lite is charged at the marketing rate. The operator replaces
// this table with `npm run meta-rates -- import FILE.csv` when Meta publishes new rates.
const MARKETS: Market[] = [
  { name: "Argentina", countries: ["AR"], usd: [0.0618, 0.026, 0.026] },
  { name: "Brazil", countries: ["BR"], usd: [0.0625, 0.0068, 0.0068] },
  { name: "Chile", countries: ["CL"], usd: [0.0889, 0.02, 0.02] },
  { name: "Colombia", countries: ["CO"], usd: [0.0125, 0.0008, 0.0008] },
  { name: "Egypt", countries: ["EG"], usd: [0.1073, 0.0036, 0.0036, 0.065] },
  { name: "France", countries: ["FR"], usd: [0.0859, 0.03, 0.03] },
  { name: "Germany", countries: ["DE"], usd: [0.1365, 0.055, 0.055] },
  { name: "India", countries: ["IN"], usd: [0.0107, 0.0014, 0.0014, 0.028] },
  { name: "Indonesia", countries: ["ID"], usd: [0.0411, 0.025, 0.025, 0.136] },
  { name: "Israel", countries: ["IL"], usd: [0.0353, 0.0053, 0.0053] },
  { name: "Italy", countries: ["IT"], usd: [0.0691, 0.03, 0.03] },
  { name: "Malaysia", countries: ["MY"], usd: [0.086, 0.014, 0.014, 0.0418] },
  { name: "Mexico", countries: ["MX"], usd: [0.0305, 0.0085, 0.0085] },
  { name: "Netherlands", countries: ["NL"], usd: [0.1597, 0.05, 0.05] },
  { name: "Nigeria", countries: ["NG"], usd: [0.0516, 0.0067, 0.0067, 0.075] },
  { name: "Pakistan", countries: ["PK"], usd: [0.0473, 0.0054, 0.0054, 0.075] },
  { name: "Peru", countries: ["PE"], usd: [0.0703, 0.02, 0.02] },
  { name: "Russia", countries: ["RU"], usd: [0.0802, 0.04, 0.04] },
  { name: "Saudi Arabia", countries: ["SA"], usd: [0.0455, 0.0107, 0.0107, 0.0598] },
  { name: "South Africa", countries: ["ZA"], usd: [0.0379, 0.0076, 0.0076, 0.02] },
  { name: "Spain", countries: ["ES"], usd: [0.0615, 0.02, 0.02] },
  { name: "Turkey", countries: ["TR"], usd: [0.0109, 0.0053, 0.0053] },
  { name: "United Arab Emirates", countries: ["AE"], usd: [0.0384, 0.0157, 0.0157, 0.0426] },
  { name: "United Kingdom", countries: ["GB"], usd: [0.0529, 0.022, 0.022] },
  { name: "North America", countries: ["US", "CA"], usd: [0.025, 0.004, 0.0135] },
  {
    name: "Rest of Africa",
    countries: (
      "DZ AO BJ BW BF BI CM TD CG ER ET GA GM GH GW CI KE LS LR LY MG MW ML MR MA MZ NA NE RW " +
      "SN SL SO SS SD SZ TZ TG TN UG ZM"
    ).split(" "),
    usd: [0.0225, 0.004, 0.015],
  },
  {
    name: "Rest of Asia Pacific",
    countries: "AF AU BD KH CN HK JP LA MN NP NZ PG PH SG LK TW TJ TH TM UZ VN".split(" "),
    usd: [0.0732, 0.0113, 0.0171],
  },
  {
    name: "Rest of Central & Eastern Europe",
    countries: "AL AM AZ BY BG HR CZ GE GR HU LV LT MK MD PL RO RS SK SI UA".split(" "),
    usd: [0.086, 0.0212, 0.0212],
  },
  {
    name: "Rest of Latin America",
    countries: "BO CR DO EC SV GT HT HN JM NI PA PY PR UY VE".split(" "),
    usd: [0.074, 0.0113, 0.0113],
  },
  {
    name: "Rest of Middle East",
    countries: "BH IQ JO KW LB OM QA YE".split(" "),
    usd: [0.0341, 0.0091, 0.0091],
  },
  {
    name: "Rest of Western Europe",
    countries: "AT BE DK FI IE NO PT SE CH".split(" "),
    usd: [0.0592, 0.0171, 0.0171],
  },
  { name: "Other", countries: ["other"], usd: [0.0604, 0.0077, 0.0077] },
];

const CATEGORIES = [
  "marketing",
  "utility",
  "authentication",
  "authentication_international",
] as const;

const micros = (usd: number) => Math.round(usd * 1_000_000);

/** The shipped rate card as the rows an operator's table holds. */
export const DEFAULT_RATES: RateRow[] = MARKETS.flatMap((m) =>
  m.countries.flatMap((country) =>
    CATEGORIES.flatMap((category, i) => {
      const usd = m.usd[i];
      return usd === undefined ? [] : [{ country, category, priceMicros: micros(usd) }];
    }),
  ),
);
