export * from "./auth";
export * from "./bot";
export * from "./channels";
export * from "./conversations";
export * from "./sandbox";
export * from "./webhooks";
export * from "./workspaces";
