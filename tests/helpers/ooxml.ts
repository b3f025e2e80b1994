/**
 * Reading Office packages back in tests: a strict little XML parser (it throws on markup that is
 * not well-formed), the package's parts, content types and relationships, and the consistency
 * rules of Open Packaging Conventions that PowerPoint and Word enforce.
 */
import path from 'node:path';
import JSZip from 'jszip';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** Parses XML into a tree; throws on unbalanced or malformed tags. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    if (stray) throw new Error(`malformed markup at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    if (!name) continue;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at ${m.index}`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const node: XmlNode = { name, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('an XML document has exactly one root element');
  return root.children[0]!;
}

/** Every element named `name` below `node` (depth first). */
export function all(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The text of every <a:t> / <w:t> below `node`, joined. */
export function textOf(node: XmlNode, tag = 'a:t'): string {
  return all(node, tag).map((t) => t.text).join('');
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  /** The part the relationship points to (undefined when external). */
  part?: string;
}

export interface OfficePackage {
  zip: JSZip;
  /** Parts other than [Content_Types].xml and the relationship parts. */
  parts: string[];
  contentType: (part: string) => string | undefined;
  overrides: Map<string, string>;
  rels: (part: string) => Rel[];
  xml: (part: string) => XmlNode;
}

export function relsPartOf(part: string): string {
  return part === '' ? '_rels/.rels' : path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
}

export async function readPackage(buf: Uint8Array): Promise<OfficePackage> {
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const xmlText = new Map<string, string>();
  for (const n of names) if (/\.(xml|rels)$/.test(n)) xmlText.set(n, await zip.file(n)!.async('string'));
  const xml = (part: string) => {
    const text = xmlText.get(part);
    if (text === undefined) throw new Error(`no part ${part}`);
    return parseXml(text);
  };
  const types = xml('[Content_Types].xml');
  const overrides = new Map(all(types, 'Override').map((o) => [o.attrs.PartName!.replace(/^\//, ''), o.attrs.ContentType!]));
  const defaults = new Map(all(types, 'Default').map((d) => [d.attrs.Extension!.toLowerCase(), d.attrs.ContentType!]));
  const rels = (part: string): Rel[] => {
    const relsPart = relsPartOf(part);
    if (!xmlText.has(relsPart)) return [];
    return all(xml(relsPart), 'Relationship').map((r) => ({
      id: r.attrs.Id!,
      type: r.attrs.Type!,
      target: r.attrs.Target!,
      ...(r.attrs.TargetMode === 'External' ? {} : { part: r.attrs.Target!.startsWith('/') ? r.attrs.Target!.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(part), r.attrs.Target!)) }),
    }));
  };
  return {
    zip,
    parts: names.filter((n) => n !== '[Content_Types].xml' && !/(^|\/)_rels\/[^/]*\.rels$/.test(n)),
    contentType: (part) => overrides.get(part) ?? defaults.get(path.posix.extname(part).slice(1).toLowerCase()),
    overrides,
    rels,
    xml,
  };
}

/**
 * The OPC rules: every part has a content type; every Override names a part that exists; every
 * relationship target exists; relationship ids are unique per part; every part is reachable from
 * the package relationships. Returns the problems found (empty when consistent).
 */
export function packageProblems(pkg: OfficePackage): string[] {
  const problems: string[] = [];
  const present = new Set(pkg.parts);
  for (const p of pkg.parts) if (!pkg.contentType(p)) problems.push(`no content type for ${p}`);
  for (const o of pkg.overrides.keys()) if (!present.has(o)) problems.push(`content type declared for absent part ${o}`);
  const reached = new Set<string>();
  const queue = [''];
  while (queue.length) {
    const part = queue.shift()!;
    const rels = pkg.rels(part);
    const ids = new Set<string>();
    for (const r of rels) {
      if (ids.has(r.id)) problems.push(`duplicate relationship id ${r.id} in ${relsPartOf(part)}`);
      ids.add(r.id);
      if (!r.part) continue;
      if (!present.has(r.part)) problems.push(`${relsPartOf(part)}: ${r.id} points to absent ${r.part}`);
      else if (!reached.has(r.part)) {
        reached.add(r.part);
        queue.push(r.part);
      }
    }
  }
  for (const p of pkg.parts) if (!reached.has(p)) problems.push(`part ${p} is not reached by any relationship`);
  // Every XML part parses.
  for (const p of pkg.parts.filter((n) => n.endsWith('.xml'))) {
    try {
      pkg.xml(p);
    } catch (e) {
      problems.push(`${p}: ${(e as Error).message}`);
    }
  }
  return problems;
}
