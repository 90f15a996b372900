import { Fragment, type ReactNode } from "react";

// The small Markdown subset message bodies may use: paragraphs, "- " lists, **strong**,
// *emphasis*, `code` and [links](https://...). Everything becomes React elements, never
// HTML, so nothing in a body can run; the API has already turned < and > into entities.
const INLINE = /(`[^`\n]+`|\*\*[^*\n]+\*\*|\*[^*\n]+\*|_[^_\n]+_|\[[^\]\n]*\]\((?:https?:\/\/|mailto:)[^)\s]+\))/;
const LINK = /^\[([^\]]*)\]\(([^)\s]+)\)$/;
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">" };

function text(value: string): string {
  return value.replace(/&lt;|&gt;/g, (e) => ENTITIES[e] ?? e);
}

function inline(source: string): ReactNode[] {
  return source.split(INLINE).map((part, i) => {
    if (i % 2 === 0) return <Fragment key={i}>{text(part)}</Fragment>;
    if (part.startsWith("`")) return <code key={i}>{text(part.slice(1, -1))}</code>;
    if (part.startsWith("**")) return <strong key={i}>{text(part.slice(2, -2))}</strong>;
    const link = LINK.exec(part);
    if (link) {
      const [, words = "", href = ""] = link;
      return <a key={i} href={href} rel="noopener noreferrer nofollow" target="_blank">{text(words)}</a>;
    }
    return <em key={i}>{text(part.slice(1, -1))}</em>;
  });
}

function block(lines: string[], key: number): ReactNode {
  const items = lines.every((l) => /^[-*] /.test(l));
  if (items) return <ul key={key}>{lines.map((l, i) => <li key={i}>{inline(l.slice(2))}</li>)}</ul>;
  return <p key={key}>{lines.flatMap((l, i) => (i ? [<br key={`b${i}`} />, ...inline(l)] : inline(l)))}</p>;
}

export function Markdown({ source }: { source: string }) {
  const blocks = source.split(/\n{2,}/).map((b) => b.split("\n"));
  return <div className="message-body">{blocks.map(block)}</div>;
}
