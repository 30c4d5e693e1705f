import { istanbulBoutiqueHotel } from "./istanbul-boutique-hotel";
import { jakartaHairSalon } from "./jakarta-hair-salon";
import { lisbonDentalClinic } from "./lisbon-dental-clinic";
import { madridPizzeria } from "./madrid-pizzeria";
import { nairobiElectronics } from "./nairobi-electronics";
import type { EvalBusiness } from "./types";

export type { EvalBusiness, EvalFaq, EvalQuestion } from "./types";

export const EVAL_BUSINESSES: EvalBusiness[] = [
  lisbonDentalClinic,
  madridPizzeria,
  nairobiElectronics,
  istanbulBoutiqueHotel,
  jakartaHairSalon,
];
