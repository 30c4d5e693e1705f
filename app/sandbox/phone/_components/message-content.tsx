import { SANDBOX_TEMPLATES } from "@/lib/sandbox/templates";

type Body = Record<string, unknown>;
export type Choice = { kind: "button" | "list"; id: string; title: string; description?: string };

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const obj = (v: unknown) => (v && typeof v === "object" ? (v as Body) : {});

function templateText(template: Body): string {
  const name = str(template.name) ?? "template";
  const text =
    SANDBOX_TEMPLATES.find((t) => t.name === name)?.components[0]?.text ?? `Template ${name}`;
  const body = (Array.isArray(template.components) ? template.components : [])
    .map(obj)
    .find((c) => c.type === "body");
  const params = (Array.isArray(body?.parameters) ? body.parameters : []).map(
    (p) => str(obj(p).text) ?? "",
  );
  return text.replace(/\{\{(\d+)\}\}/g, (m, n: string) => params[Number(n) - 1] || m);
}

/** What a message shows on the phone, whichever side sent it, and the choices it offers. */
export function describeMessage(
  type: string,
  body: Body,
): {
  text: string;
  choices: Choice[];
  caption?: string;
  products?: true;
  media?: { kind: "image" | "video" | "audio" | "document"; id: string; filename?: string };
} {
  if (type === "text") return { text: str(obj(body.text).body) ?? "", choices: [] };
  if (type === "location") {
    const l = obj(body.location);
    return { text: `📍 ${str(l.name) ?? `${l.latitude}, ${l.longitude}`}`, choices: [] };
  }
  const file = (kind: "image" | "video" | "audio" | "document") => {
    const m = obj(body[kind]);
    const id = str(m.id);
    return id ? { media: { kind, id, filename: str(m.filename) } } : {};
  };
  if (type === "image")
    return {
      text: "📷 Photo",
      caption: str(obj(body.image).caption),
      choices: [],
      ...file("image"),
    };
  if (type === "video")
    return {
      text: "🎬 Video",
      caption: str(obj(body.video).caption),
      choices: [],
      ...file("video"),
    };
  if (type === "document") {
    const d = obj(body.document);
    return {
      text: `📄 ${str(d.filename) ?? "Document"}`,
      caption: str(d.caption),
      choices: [],
      ...file("document"),
    };
  }
  if (type === "audio")
    return {
      text: obj(body.audio).voice ? "🎤 Voice message" : "🎵 Audio",
      choices: [],
      ...file("audio"),
    };
  if (type === "reaction")
    return { text: `Reacted ${str(obj(body.reaction).emoji) || "(removed)"}`, choices: [] };
  if (type === "template") return { text: templateText(obj(body.template)), choices: [] };
  if (type === "order") {
    const items = obj(body.order).product_items;
    const count = Array.isArray(items) ? items.length : 0;
    return { text: `🛒 Order: ${count} ${count === 1 ? "item" : "items"}`, choices: [] };
  }
  if (type === "interactive") {
    const i = obj(body.interactive);
    if (i.type === "button_reply")
      return { text: str(obj(i.button_reply).title) ?? "", choices: [] };
    if (i.type === "list_reply") return { text: str(obj(i.list_reply).title) ?? "", choices: [] };
    const text = str(obj(i.body).text) ?? "";
    const action = obj(i.action);
    if (i.type === "button") {
      const buttons = (Array.isArray(action.buttons) ? action.buttons : []).map((b) =>
        obj(obj(b).reply),
      );
      return {
        text,
        choices: buttons.map((b) => ({
          kind: "button",
          id: str(b.id) ?? "",
          title: str(b.title) ?? "",
        })),
      };
    }
    if (i.type === "product" || i.type === "product_list") {
      const header = str(obj(i.header).text);
      return { text: [header, text].filter(Boolean).join("\n"), choices: [], products: true };
    }
    if (i.type === "list") {
      const rows = (Array.isArray(action.sections) ? action.sections : []).flatMap((s) => {
        const r = obj(s).rows;
        return Array.isArray(r) ? r.map(obj) : [];
      });
      return {
        text,
        choices: rows.map((r) => ({
          kind: "list",
          id: str(r.id) ?? "",
          title: str(r.title) ?? "",
          description: str(r.description),
        })),
      };
    }
    return { text: text || "Interactive message", choices: [] };
  }
  return { text: `[${type}]`, choices: [] };
}
