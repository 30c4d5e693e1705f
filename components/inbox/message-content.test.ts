import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { outboundMessage, threadMessage } from "@/lib/testing/thread-message";
import { MessageBubble } from "./message-bubble";
import type { ThreadMessageJson } from "./message-json";
import { ThreadMessages } from "./thread-messages";

// Messages as the inbox thread renders them on the server, for what agents read and the
// attributes the end-to-end tests find them by.
const thread = (...messages: ThreadMessageJson[]) =>
  renderToStaticMarkup(createElement(ThreadMessages, { slug: "bike-shop", messages }));
const bubble = (message: ThreadMessageJson) =>
  renderToStaticMarkup(createElement(MessageBubble, { slug: "bike-shop", message }));
const inbound = (type: string, payload: Record<string, unknown>, fields = {}) =>
  threadMessage({ type, payload: { type, ...payload }, ...fields });

describe("message content", () => {
  it("formats text as WhatsApp does and never reads it as HTML", () => {
    const html = bubble(
      threadMessage({ text: "*Hello* <img src=x onerror=alert(1)> _there_ <script>x</script>" }),
    );
    expect(html).toContain("<strong>Hello</strong>");
    expect(html).toContain("<em>there</em>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toMatch(/data-testid="message"[^>]*data-direction="inbound"[^>]*data-type="text"/);
  });

  it("loads a photo through the workspace's media route, lazily, with its caption", () => {
    const m = inbound(
      "image",
      {},
      { media: { id: "media-1", mimeType: "image/jpeg", caption: "My *broken* wheel" }, text: "x" },
    );
    const html = bubble(m);
    expect(html).toContain(`src="/bike-shop/inbox/media/${m.id}"`);
    expect(html).toContain('loading="lazy"');
    expect(html).toContain('alt="Photo: My *broken* wheel"');
    expect(html).toContain("My <strong>broken</strong> wheel");
    expect(html).not.toMatch(/token|graph\.facebook|lookaside/i);
    const sticker = bubble(inbound("sticker", {}, { media: { id: "s1", mimeType: "image/webp" } }));
    expect(sticker).toMatch(/<img[^>]*alt="Sticker"/);
  });

  it("plays videos and voice notes, and offers documents as a download", () => {
    const video = inbound("video", {}, { media: { id: "v1", mimeType: "video/mp4" } });
    expect(bubble(video)).toMatch(
      new RegExp(`<video[^>]*src="/bike-shop/inbox/media/${video.id}"[^>]*controls`),
    );
    const voice = inbound("audio", {}, { media: { id: "a1", mimeType: "audio/ogg", voice: true } });
    const voiceHtml = bubble(voice);
    expect(voiceHtml).toContain("Voice message");
    expect(voiceHtml).toMatch(/<audio[^>]*controls/);
    expect(voiceHtml).not.toContain("Transcript");
    const heard = bubble({ ...voice, transcript: "Do you open <b>on</b> Sunday?" });
    // The transcript is under the player, as text.
    expect(heard).toMatch(
      /<audio[^>]*>.*<figure[^>]*data-testid="transcript"><figcaption[^>]*>Transcript<\/figcaption><p[^>]*>Do you open &lt;b&gt;on&lt;\/b&gt; Sunday\?<\/p>/s,
    );
    const doc = inbound(
      "document",
      {},
      { media: { id: "d1", mimeType: "application/pdf", filename: "invoice 5521.pdf" } },
    );
    const docHtml = bubble(doc);
    expect(docHtml).toMatch(
      new RegExp(`<a href="/bike-shop/inbox/media/${doc.id}" download="invoice 5521.pdf"`),
    );
    expect(docHtml).toContain("invoice 5521.pdf");
    expect(docHtml).toContain("application/pdf · Download");
    const lost = bubble(inbound("image", {}, { media: null }));
    expect(lost).toContain("Photo: WhatsApp did not hand over the file for this message.");
    expect(lost).not.toContain("<img");
  });

  it("shows a location with a map link", () => {
    const html = bubble(
      inbound("location", {
        location: { latitude: -1.2921, longitude: 36.8219, name: "Shop", address: "Moi Ave 1" },
      }),
    );
    expect(html).toContain("Shop");
    expect(html).toContain("Moi Ave 1");
    expect(html).toContain("-1.2921, 36.8219");
    expect(html).toContain(
      'href="https://www.openstreetmap.org/?mlat=-1.2921&amp;mlon=36.8219#map=16/-1.2921/36.8219" target="_blank" rel="noreferrer"',
    );
  });

  it("lists shared contacts with callable numbers", () => {
    const html = bubble(
      inbound("contacts", {
        contacts: [
          {
            name: { formatted_name: "Jo Rider" },
            phones: [{ phone: "+1 (940) 555-1234", type: "CELL" }],
          },
          { name: { first_name: "Sam", last_name: "Lee" }, phones: [{ wa_id: "254700000001" }] },
        ],
      }),
    );
    expect(html).toContain("Shared contacts");
    expect(html).toContain('<a href="tel:+19405551234"');
    expect(html).toContain("+1 (940) 555-1234");
    expect(html).toContain("Sam Lee");
    expect(html).toContain('href="tel:254700000001"');
  });

  it("labels buttons, list choices and forms", () => {
    const tapped = bubble(
      inbound("interactive", {
        interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes please" } },
      }),
    );
    expect(tapped).toMatch(/data-action="button"[\s\S]*Tapped a button[\s\S]*Yes please/);
    const template = bubble(
      inbound("button", { button: { payload: "STOP", text: "Stop promos" } }),
    );
    expect(template).toMatch(/Tapped a button[\s\S]*Stop promos/);
    const listed = bubble(
      inbound("interactive", {
        interactive: {
          type: "list_reply",
          list_reply: { id: "r1", title: "Repairs", description: "Bikes and scooters" },
        },
      }),
    );
    expect(listed).toMatch(/Chose from a list[\s\S]*Repairs[\s\S]*Bikes and scooters/);
    const form = bubble(
      inbound("interactive", {
        interactive: {
          type: "nfm_reply",
          nfm_reply: {
            name: "flow",
            body: "Sent",
            response_json: '{"flow_token":"secret-flow","size":"M","when":"<b>today</b>"}',
          },
        },
      }),
    );
    expect(form).toMatch(/Submitted a form[\s\S]*size: <\/dt><dd[^>]*>M</);
    expect(form).toContain("&lt;b&gt;today&lt;/b&gt;");
    expect(form).not.toContain("secret-flow");
  });

  it("labels a template with its name and language, above the text sent", () => {
    const html = bubble(
      outboundMessage({
        type: "template",
        text: "Hi Jo, order *5521* is on its way",
        payload: { template: { name: "order_update", language: "en_US", components: [] } },
      }),
    );
    expect(html).toContain("Template: order_update (en_US)");
    expect(html).toContain("order <strong>5521</strong> is on its way");
  });

  it("never shows an empty bubble for types it cannot show", () => {
    const placeholder = /This message type \((\w+)\) can&#x27;t be shown here\./;
    expect(bubble(inbound("order", { order: { catalog_id: "c" } }))).toMatch(placeholder);
    expect(bubble(inbound("order", {}))).toContain("(order)");
    const poll = bubble(inbound("unsupported", { unsupported: { type: "poll_creation" } }));
    expect(poll).toContain("(poll_creation)");
    expect(bubble(inbound("unsupported", {}))).toContain("(unsupported)");
    expect(bubble(inbound("brand_new_type", {}))).toContain("(brand_new_type)");
    expect(bubble(inbound("system", {}))).toContain("(system)");
    expect(
      bubble(inbound("interactive", { interactive: { type: "call_permission_reply" } })),
    ).toContain("(interactive)");
  });
});

describe("a thread run", () => {
  it("puts reactions on their message, and a line for one to an earlier message", () => {
    const reply = outboundMessage({ text: "Ships today", waMessageId: "wamid.reply" });
    const html = thread(
      reply,
      threadMessage({ type: "reaction", text: "👍", contextWaMessageId: "wamid.reply" }),
      threadMessage({ type: "reaction", text: "🎉", contextWaMessageId: "wamid.gone" }),
    );
    expect(html.match(/data-testid="message"/g)).toHaveLength(1);
    expect(html).toMatch(/Ships today[\s\S]*aria-label="The customer reacted 👍"[^>]*>👍</);
    expect(html).toMatch(/data-testid="message-line"[\s\S]*Reacted 🎉 to an earlier message/);
  });

  it("finds the reacted and quoted message in another run of the same thread", () => {
    const reply = outboundMessage({ text: "Ships today", waMessageId: "wamid.r" });
    const later = [
      threadMessage({ type: "reaction", text: "🙏", contextWaMessageId: "wamid.r" }),
      threadMessage({ text: "When?", contextWaMessageId: "wamid.r" }),
    ];
    const all = [reply, ...later];
    const render = (messages: ThreadMessageJson[]) =>
      renderToStaticMarkup(
        createElement(ThreadMessages, { slug: "bike-shop", messages, thread: all }),
      );
    expect(render([reply])).toContain('aria-label="The customer reacted 🙏"');
    const second = render(later);
    expect(second).not.toContain("Reacted");
    expect(second).toMatch(/data-testid="message-quote"[^>]*>Ships today</);
  });

  it("tells edits, deletions and WhatsApp's notices in a line, and quotes what a reply answers", () => {
    const question = outboundMessage({ text: "Which size?", waMessageId: "wamid.q" });
    const html = thread(
      question,
      threadMessage({ text: "M", contextWaMessageId: "wamid.q" }),
      threadMessage({ text: "Also this", contextWaMessageId: "wamid.before" }),
      threadMessage({ type: "edit", text: "L, sorry", contextWaMessageId: "wamid.x" }),
      threadMessage({ type: "revoke", contextWaMessageId: "wamid.x" }),
      threadMessage({ type: "system", text: "User A changed from +1 to +2" }),
      threadMessage({ text: "fwd", payload: { context: { forwarded: true } } }),
    );
    expect(html).toMatch(/data-testid="message-quote"[^>]*>Which size\?<\/p>[\s\S]*>M</);
    expect(html).toContain(">Replying to an earlier message</p>");
    expect(html).toContain("Edited a message: L, sorry");
    expect(html).toContain("Deleted a message");
    expect(html).toContain("User A changed from +1 to +2");
    expect(html.match(/data-testid="message-line"/g)).toHaveLength(3);
    expect(html).toMatch(/Forwarded<\/p>[\s\S]*fwd/);
  });
});

describe("message meta", () => {
  const ticks = (status: ThreadMessageJson["status"]) =>
    bubble(outboundMessage({ text: "Hello", status }));

  it("marks delivery as WhatsApp does, with labels", () => {
    expect(ticks("pending")).toMatch(
      /data-status="pending"[\s\S]*aria-label="Sending"[\s\S]*<circle/,
    );
    const sent = ticks("sent");
    expect(sent).toMatch(/role="img" aria-label="Sent" title="Sent"[^>]*text-zinc-400/);
    expect(sent.match(/<path d="M/g)).toHaveLength(1);
    const delivered = ticks("delivered");
    expect(delivered).toMatch(/aria-label="Delivered"[^>]*text-zinc-400/);
    expect(delivered.match(/<path d="M/g)).toHaveLength(2);
    expect(ticks("read")).toMatch(/data-status="read"[\s\S]*aria-label="Read"[^>]*text-sky-500/);
    expect(ticks("played")).toMatch(/aria-label="Played"[^>]*text-sky-500/);
    expect(bubble(threadMessage({ text: "hi" }))).not.toContain('data-testid="delivery-ticks"');
  });

  it("says why a message was not delivered, what to do, and Meta's words", () => {
    const html = bubble(
      outboundMessage({
        text: "Still there?",
        status: "failed",
        errorCode: 131047,
        errorDetails: "Message failed to send because more than 24 hours have passed",
      }),
    );
    expect(html).toContain('data-status="failed"');
    expect(html).not.toContain('data-testid="delivery-ticks"');
    expect(html).toMatch(
      /Not delivered[\s\S]*More than 24 hours since the customer last wrote[\s\S]*template/,
    );
    expect(html).toContain(
      "WhatsApp said (code 131047): Message failed to send because more than 24 hours have passed",
    );
    const unknown = bubble(
      outboundMessage({ text: "x", status: "failed", errorCode: 999, errorDetails: "New <thing>" }),
    );
    expect(unknown).toContain("WhatsApp refused this message (code 999)");
    expect(unknown.match(/New &lt;thing&gt;/g)).toHaveLength(1);
  });

  it("badges who sent it, with the AI's model, tokens and cost on hover", () => {
    const badge = (fields: Partial<ThreadMessageJson>) =>
      /data-testid="source-badge"[^>]*>([^<]*)</.exec(bubble(outboundMessage(fields)))?.[1];
    expect(badge({ source: "faq", text: "a" })).toBe("FAQ");
    expect(badge({ source: "system", text: "a" })).toBe("System");
    expect(badge({ source: "human", text: "a", sentBy: { id: "u1", name: "Amina" } })).toBe(
      "Amina",
    );
    expect(badge({ source: "human", text: "a" })).toBe("A former member");
    const ai = bubble(
      outboundMessage({
        source: "ai",
        text: "We fix bikes.",
        aiModel: "gpt-4o-mini",
        promptTokens: 120,
        completionTokens: 8,
        costMicros: 1200,
      }),
    );
    expect(ai).toContain('title="Model gpt-4o-mini · 120 + 8 = 128 tokens · $0.0012">AI<');
    const tiny = bubble(outboundMessage({ source: "ai", text: "x", costMicros: 23 }));
    expect(tiny).toContain('title="Model unknown · $0.000023"');
    expect(bubble(threadMessage({ text: "hi" }))).not.toContain("source-badge");
  });

  it("shows the time, with the full date on hover", () => {
    const html = bubble(threadMessage({ text: "hi", createdAt: "2026-05-04T09:07:00.000Z" }));
    expect(html).toMatch(
      /<time dateTime="2026-05-04T09:07:00.000Z" title="Monday[ ,]+4 May 2026[^"]*09:07 UTC"[^>]*>09:07<\/time>/,
    );
  });
});
