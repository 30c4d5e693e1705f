import { sql } from "drizzle-orm";
import { conversations } from "../schema";

// A person has the conversation once they took it over or replied to it. The bot also stops
// when it hands a conversation to people (status "human" with the flag still up), but then it
// still waits for someone, and taking over or a late hand-off treat it differently.
export const personHasIt = sql<boolean>`(${conversations.status} = 'human' and not ${conversations.needsHuman})`;
