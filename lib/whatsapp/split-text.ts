export const MAX_TEXT = 4096;

// WhatsApp refuses text bodies over 4096 characters; longer replies go out as several messages,
// cut at a paragraph, line or sentence end when there is one, else at a space.
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut =
      [/\n\s*\n(?=[^\n]*$)/, /\n(?=[^\n]*$)/, /[.!?…](?=\s[^.!?…]*$)/, /\s(?=\S*$)/]
        .map((re) => {
          const m = re.exec(window);
          return m && m.index > max / 4 ? m.index + (m[0].trim() ? m[0].length : 0) : -1;
        })
        .find((i) => i > 0) ?? max;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
