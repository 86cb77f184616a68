/**
 * What a file is, from its first bytes: the formats we import, and the usual wrong files a coach
 * drops (a photo, a PDF, a zipped export) so the refusal can say what was dropped.
 */
import type { ActivityFormat } from './types';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

/** FIT files carry ".FIT" at bytes 8-11 of their header. */
export const hasFitHeader = (head: Uint8Array): boolean => startsWith(head, [0x2e, 0x46, 0x49, 0x54], 8);

export const isZip = (head: Uint8Array): boolean => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
export const isGzip = (head: Uint8Array): boolean => startsWith(head, [0x1f, 0x8b]);

/** Text of the first 64 KiB, for looking at the XML root (Apple's export has a long DTD before it). */
export function headText(head: Uint8Array): string {
  const slice = head.subarray(0, 64 * 1024);
  if (slice[0] === 0xff && slice[1] === 0xfe) return new TextDecoder('utf-16le').decode(slice);
  if (slice[0] === 0xfe && slice[1] === 0xff) return new TextDecoder('utf-16be').decode(slice);
  return new TextDecoder('utf-8').decode(slice);
}

/** The XML format the text's root element names, if any. */
export function xmlFormatOf(text: string): ActivityFormat | undefined {
  if (/<(?:[\w.-]+:)?gpx[\s>/]/.test(text)) return 'gpx';
  if (/<(?:[\w.-]+:)?TrainingCenterDatabase[\s>/]/.test(text)) return 'tcx';
  if (/<!DOCTYPE\s+HealthData[\s[>]|<HealthData[\s>/]/.test(text)) return 'apple_health';
  return undefined;
}

/** The format a file name suggests. */
export function formatFromName(fileName: string): ActivityFormat | undefined {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.fit')) return 'fit';
  if (name.endsWith('.gpx')) return 'gpx';
  if (name.endsWith('.tcx')) return 'tcx';
  // Apple names it export.xml (exportar.xml, ... in other languages); no other format we read is .xml.
  if (name.endsWith('.xml')) return 'apple_health';
  return undefined;
}

/** "a PNG image", "a PDF document"... for a file that is none of ours; undefined when unrecognised. */
export function describeForeign(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (isZip(head)) return 'a ZIP archive';
  if (isGzip(head)) return 'a gzip-compressed file';
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) return 'a video or HEIC photo';
  if (hasFitHeader(head)) return 'a FIT file';
  const text = headText(head.subarray(0, 4096)).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'a web page (HTML)';
  if (text.startsWith('{') || text.startsWith('[')) return 'a JSON file';
  if (text.startsWith('<')) {
    const kml = /<(?:[\w.-]+:)?kml[\s>]/.test(text);
    return kml ? 'a KML file (Google Earth)' : 'an XML file of another kind';
  }
  return undefined;
}

/** The sentence for a ZIP or gzip file, which we never open ourselves. */
export function compressedMessage(head: Uint8Array, fileName: string): string {
  if (isGzip(head)) {
    return `"${fileName}" is compressed (gzip). Decompress it first (Strava's bulk export names these .fit.gz or .gpx.gz), then drop the .fit, .gpx or .tcx file.`;
  }
  return `"${fileName}" is a ZIP archive, which is not imported directly. If it is an Apple Health export (export.zip), unzip it and drop export.xml; otherwise unzip it and drop the .fit, .gpx or .tcx file inside.`;
}
