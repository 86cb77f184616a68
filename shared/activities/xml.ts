/**
 * XML reading for GPX and TCX (and single Apple Health elements) with fast-xml-parser, which is
 * pure JS and runs the same in the browser and in Node (no DOMParser in shared/).
 *
 * The parser itself is lenient (it accepts unclosed tags), so every document is validated first:
 * a truncated or damaged file is refused with the validator's line number instead of yielding a
 * silently shorter track. Namespace prefixes are dropped (gpxtpx:hr and ns3:hr both read as hr).
 * Values stay strings; the format modules convert them and say which point is wrong.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FileProblem } from './types';

export type XmlNode = { [key: string]: unknown };

const OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
} as const;
const parsers = new Map<string, XMLParser>();

/**
 * `rawTags`: elements kept as raw text instead of parsed (fast-xml-parser's stopNodes). GPX keeps
 * <extensions> raw and reads the heart rate out of it: parsing three nested elements per point
 * doubled the time of a 10 MB file.
 */
function parserFor(rawTags: readonly string[]): XMLParser {
  const key = rawTags.join(',');
  let parser = parsers.get(key);
  if (!parser) {
    parser = new XMLParser({ ...OPTIONS, stopNodes: rawTags.map((tag) => `*.${tag}`) });
    parsers.set(key, parser);
  }
  return parser;
}

/** Text of a file: UTF-8, or UTF-16 when it starts with a UTF-16 byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export type XmlResult = { ok: true; doc: XmlNode } | { ok: false; problem: FileProblem };

/** Validates then parses a whole document; `label` names the format in the message ("This GPX file"). */
export function parseXmlDocument(text: string, label: string, rawTags: readonly string[] = []): XmlResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true && valid.err.code === 'InvalidXml' && valid.err.msg.startsWith("Invalid '[")) {
    // The validator lists the elements still open at the end of the text: the file was cut short.
    const open = [...valid.err.msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    return {
      ok: false,
      problem: {
        where: `line ${lineCount(text)}`,
        message: `${label} is incomplete: it ends before <${open[open.length - 1] ?? 'its last element'}> is closed (the file was probably cut short), so nothing was imported.`,
      },
    };
  }
  if (valid !== true) {
    return {
      ok: false,
      problem: { where: `line ${valid.err.line}`, message: `${label} is damaged or incomplete, so nothing was imported: ${valid.err.msg}` },
    };
  }
  return parseXmlFragment(text, label, rawTags);
}

function lineCount(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

/** Whether a piece of XML (one element cut out of a larger file) is well-formed. */
export const isWellFormed = (text: string): boolean => XMLValidator.validate(text) === true;

/** Parses text already known to be well-formed (or a small element cut out of a larger file). */
export function parseXmlFragment(text: string, label: string, rawTags: readonly string[] = []): XmlResult {
  try {
    const doc: unknown = parserFor(rawTags).parse(text);
    return isNode(doc) ? { ok: true, doc } : { ok: false, problem: { where: 'file', message: `${label} holds no XML elements.` } };
  } catch (error) {
    return { ok: false, problem: { where: 'file', message: `${label} could not be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

export const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Child elements named `name` (zero, one or many in the XML: always an array here). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item: unknown) => (isNode(item) ? item : { '#text': item }));
}

/** The first child element named `name`, if any. */
export const child = (node: unknown, name: string): XmlNode | undefined => children(node, name)[0];

/** Text content of the first child named `name` (or of the node itself when name is omitted). */
export function text(node: unknown, name?: string): string | undefined {
  const target = name === undefined ? node : isNode(node) ? (Array.isArray(node[name]) ? (node[name] as unknown[])[0] : node[name]) : undefined;
  if (typeof target === 'string') return target;
  if (typeof target === 'number') return String(target);
  if (isNode(target)) {
    const inner = target['#text'];
    return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : undefined;
  }
  return undefined;
}

/** An attribute's value. */
export function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A decimal number, or undefined when absent; NaN when present but not a number. */
export function numberOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const rawPatterns = new Map<string, RegExp>();

/** The number inside the first <name> or <prefix:name> element of raw XML text (a stopNodes element). */
export function rawNumber(raw: string | undefined, names: readonly string[]): number | undefined {
  if (raw === undefined) return undefined;
  for (const name of names) {
    let pattern = rawPatterns.get(name);
    if (!pattern) {
      pattern = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>\\s*([^<]*?)\\s*</`);
      rawPatterns.set(name, pattern);
    }
    const match = pattern.exec(raw);
    if (match) return numberOf(match[1]);
  }
  return undefined;
}

/** The root element's local name and node (the first key that is not an attribute or text). */
export function rootOf(doc: XmlNode): { name: string; node: XmlNode } | undefined {
  for (const [key, value] of Object.entries(doc)) {
    if (key.startsWith('@') || key.startsWith('#') || key.startsWith('?') || key.startsWith('!')) continue;
    return { name: key, node: isNode(value) ? value : {} };
  }
  return undefined;
}
