/** A form field: an `<input>`, a `<textarea>` or a `<select>` (its selected option). */
export interface FormField {
  name: string;
  value: string;
  type: string;
}

/** A submit button; pressing it adds `name=value` to the form's data when it has a name. */
export interface FormButton {
  name: string | undefined;
  value: string;
  text: string;
}

/** One `<form>` of a page, as a browser would submit it. */
export interface HtmlForm {
  action: string;
  method: "GET" | "POST";
  fields: FormField[];
  buttons: FormButton[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * Decodes the character references of HTML text (named basics, decimal, hex).
 * @example decodeEntities("a &amp; b &#39;c&#x27;") // "a & b 'c'"
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  // The tag name is the first match: skip it.
  const body = tag.replace(/^<\s*[a-z0-9]+/i, "").replace(/\/?>$/, "");
  for (const match of body.matchAll(pattern)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined || name in found) continue;
    found[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return found;
}

const stripTags = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ""))
    .replace(/\s+/g, " ")
    .trim();

/**
 * The forms of an HTML page, read the way a browser submits them: each form's action (resolved
 * against the page URL; none means the page itself), method, successful fields (`<input>` except
 * unchecked boxes and buttons, `<textarea>`, `<select>`) and its submit buttons. Comments,
 * scripts and styles are ignored. Enough for sign-in and consent pages that work without script.
 *
 * @example
 * const [form] = parseForms(html, "https://as.example/authorize?x=1");
 */
export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, "");
  const forms: HtmlForm[] = [];
  for (const match of clean.matchAll(/<form\b[^>]*>([\s\S]*?)(?:<\/form\s*>|$)/gi)) {
    const open = /^<form\b[^>]*>/i.exec(match[0])?.[0] ?? "<form>";
    const attrs = attributes(open);
    const inner = match[1] ?? "";
    const form: HtmlForm = {
      action: new URL(attrs.action || pageUrl, pageUrl).href,
      method: (attrs.method ?? "get").toUpperCase() === "POST" ? "POST" : "GET",
      fields: [],
      buttons: [],
    };
    const elements =
      /<input\b[^>]*>|<button\b[^>]*>([\s\S]*?)<\/button\s*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea\s*>|<select\b[^>]*>([\s\S]*?)<\/select\s*>/gi;
    for (const element of inner.matchAll(elements)) {
      const tag = element[0];
      const attr = attributes(/^<[^>]*>/.exec(tag)?.[0] ?? tag);
      if ("disabled" in attr) continue;
      const kind = /^<\s*([a-z]+)/i.exec(tag)?.[1]?.toLowerCase();
      if (
        kind === "button" ||
        (kind === "input" && ["submit", "image"].includes((attr.type ?? "").toLowerCase()))
      ) {
        if (kind === "button" && (attr.type ?? "submit").toLowerCase() !== "submit") continue;
        form.buttons.push({
          name: attr.name,
          value: attr.value ?? "",
          text: kind === "button" ? stripTags(element[1] ?? "") : (attr.value ?? ""),
        });
        continue;
      }
      if (attr.name === undefined || attr.name === "") continue;
      if (kind === "input") {
        const type = (attr.type ?? "text").toLowerCase();
        if (["reset", "button", "file"].includes(type)) continue;
        if ((type === "checkbox" || type === "radio") && !("checked" in attr)) continue;
        form.fields.push({ name: attr.name, value: attr.value ?? (type === "checkbox" ? "on" : ""), type });
      } else if (kind === "textarea") {
        form.fields.push({ name: attr.name, value: decodeEntities(element[2] ?? ""), type: "textarea" });
      } else if (kind === "select") {
        const options = [...(element[3] ?? "").matchAll(/<option\b[^>]*>([\s\S]*?)(?=<option\b|$)/gi)];
        const chosen =
          options.find((option) => /\bselected\b/i.test(/^<option\b[^>]*>/i.exec(option[0])?.[0] ?? "")) ??
          options[0];
        if (chosen === undefined) continue;
        const optionAttrs = attributes(/^<option\b[^>]*>/i.exec(chosen[0])?.[0] ?? "");
        form.fields.push({
          name: attr.name,
          value: optionAttrs.value ?? stripTags(chosen[1] ?? ""),
          type: "select",
        });
      }
    }
    forms.push(form);
  }
  return forms;
}
