import { WhatsAppText } from "@/components/bot/whatsapp-preview";
import { type MessageBody, readMessageBody, type SharedContact } from "./message-body";
import { mediaUrl, type ThreadMessageJson } from "./message-json";
import { MessageMedia } from "./message-media";
import { useProductNames } from "./product-names";

const LABEL = "mb-0.5 text-[0.6875rem] font-medium tracking-wide text-zinc-500 uppercase";

function Text({ text }: { text: string }) {
  return (
    <div className="whitespace-pre-wrap break-words">
      <WhatsAppText text={text} />
    </div>
  );
}

function Location({ body }: { body: Extract<MessageBody, { kind: "location" }> }) {
  const lat = Number(body.latitude.toFixed(6));
  const lon = Number(body.longitude.toFixed(6));
  const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
  return (
    <div data-testid="message-location">
      <p className={LABEL}>Location</p>
      {body.name && <p className="font-medium">{body.name}</p>}
      {body.address && <p className="text-zinc-700">{body.address}</p>}
      <p className="text-xs text-zinc-600 tabular-nums">
        {lat}, {lon}
      </p>
      <a
        href={map}
        target="_blank"
        rel="noreferrer"
        className="mt-0.5 inline-block text-xs text-sky-800 underline"
      >
        Open in OpenStreetMap
      </a>
    </div>
  );
}

// tel: links keep only what a dialer reads, so a number written with spaces or brackets works.
const dialable = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

function Contacts({ contacts }: { contacts: SharedContact[] }) {
  return (
    <div data-testid="message-contacts">
      <p className={LABEL}>{contacts.length === 1 ? "Shared contact" : "Shared contacts"}</p>
      <ul className="space-y-1.5">
        {contacts.map((c, i) => (
          // Shared contacts have no id, and their order never changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            <p className="font-medium">{c.name}</p>
            {c.phones.length === 0 && <p className="text-xs text-zinc-500">No phone number</p>}
            {c.phones.map((p) => (
              <p key={p.phone} className="text-xs">
                <a href={dialable(p.phone)} className="text-sky-800 underline">
                  {p.phone}
                </a>
                {p.label && <span className="text-zinc-500"> · {p.label.toLowerCase()}</span>}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

const ACTIONS = {
  button: "Tapped a button",
  list: "Chose from a list",
  form: "Submitted a form",
} as const;

function Choice({ body }: { body: Extract<MessageBody, { kind: "choice" }> }) {
  return (
    <div data-testid="message-choice" data-action={body.action}>
      <p className={LABEL}>{ACTIONS[body.action]}</p>
      {body.fields.length > 0 ? (
        <dl className="space-y-0.5">
          {body.fields.map(([key, value]) => (
            <div key={key} className="break-words">
              <dt className="inline text-zinc-500">{key}: </dt>
              <dd className="inline">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        body.text && <p className="font-medium break-words">{body.text}</p>
      )}
      {body.detail && <p className="text-xs text-zinc-600">{body.detail}</p>}
    </div>
  );
}

function Order({
  slug,
  order,
}: {
  slug: string;
  order: Extract<MessageBody, { kind: "order" }>["order"];
}) {
  const names = useProductNames(
    slug,
    order.lines.map((l) => l.retailerId),
  );
  return (
    <div data-testid="message-order">
      <p className={LABEL}>Order from the catalog</p>
      <table className="mt-1 text-sm">
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.retailerId} data-testid="order-line">
              <td className="pr-3">
                {names[l.retailerId] && <span className="mr-1">{names[l.retailerId]}</span>}
                <span className="font-mono text-xs text-zinc-500">{l.retailerId}</span>
              </td>
              <td className="pr-3 tabular-nums">
                {l.quantity} × {l.unitPrice}
              </td>
              <td className="text-right tabular-nums">{l.lineTotal}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 font-semibold tabular-nums" data-testid="order-total">
        Total: {order.totals.join(" + ")}
      </p>
      {order.note && <Text text={order.note} />}
    </div>
  );
}

function Products({
  slug,
  body,
}: {
  slug: string;
  body: Extract<MessageBody, { kind: "products" }>;
}) {
  const names = useProductNames(slug, body.retailerIds);
  return (
    <div data-testid="message-products">
      <p className={LABEL}>
        {body.retailerIds.length === 1 ? "Product" : `${body.retailerIds.length} products`} from the
        catalog
      </p>
      {body.text && <Text text={body.text} />}
      <p className="mt-1 text-xs text-zinc-600">
        {body.retailerIds.map((id) => names[id] ?? id).join(", ")}
      </p>
    </div>
  );
}

function Unshown({ type, text }: { type: string; text: string | null }) {
  return (
    <div data-testid="message-unshown">
      <p className="text-zinc-600 italic">
        This message type ({type}) can&apos;t be shown here. Ask the customer to send it as text or
        a photo if you need it.
      </p>
      {text && <Text text={text} />}
    </div>
  );
}

/** What a message says, as its bubble shows it, for every WhatsApp message type. */
export function MessageContent({ slug, message }: { slug: string; message: ThreadMessageJson }) {
  const body = readMessageBody(message);
  switch (body.kind) {
    case "text":
      return <Text text={body.text} />;
    case "media":
      return <MessageMedia src={mediaUrl(slug, message.id)} body={body} />;
    case "location":
      return <Location body={body} />;
    case "contacts":
      return <Contacts contacts={body.contacts} />;
    case "choice":
      return <Choice body={body} />;
    case "template":
      return (
        <div data-testid="message-template">
          <p className={LABEL}>
            Template: {body.name} ({body.language})
          </p>
          {body.text && <Text text={body.text} />}
        </div>
      );
    case "order":
      return <Order slug={slug} order={body.order} />;
    case "products":
      return <Products slug={slug} body={body} />;
    case "reaction":
      return <p>Reacted {body.emoji || "(removed)"}</p>;
    case "edit":
      return <p className="italic">Edited a message{body.text ? `: ${body.text}` : ""}</p>;
    case "revoke":
      return <p className="italic">Deleted a message</p>;
    case "system":
      return <p className="italic">{body.text}</p>;
    case "unshown":
      return <Unshown type={body.type} text={body.text} />;
  }
}
