// OpenAI's small embedding model: multilingual, 1,536 dimensions, $0.02 per million tokens.
export const DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";
