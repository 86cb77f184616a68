/**
 * Track points out of a <trkseg>'s raw text. gpx.ts has fast-xml-parser keep each segment raw
 * (stopNodes) after validating the whole document, and reads its points here with regular
 * expressions: building an object tree of 50,000 points with their ele, time and extension
 * elements took 1 to 2.5 s for a 10 MB file on this machine; this takes a fraction of that.
 * The text is known to be well-formed XML; points inside comments or CDATA are not expected in GPX.
 */
import { rawNumber } from './xml';

export type RawPoint = { lat: string | undefined; lon: string | undefined; ele: string | undefined; time: string | undefined; hr: number | undefined };

const POINT = /<(?:[\w.-]+:)?trkpt\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?trkpt\s*>)/g;
const LAT = /\blat\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const LON = /\blon\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ELE = /<(?:[\w.-]+:)?ele(?:\s[^>]*)?>\s*([^<]*?)\s*<\//;
const TIME = /<(?:[\w.-]+:)?time(?:\s[^>]*)?>\s*([^<]*?)\s*<\//;
const HR_TAGS = ['hr', 'heartrate'] as const;

const attribute = (attrs: string, pattern: RegExp): string | undefined => {
  const m = pattern.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};

/** Each <trkpt> of a segment's raw text, in order. */
export function* trackPoints(raw: string): Generator<RawPoint> {
  POINT.lastIndex = 0;
  for (let m = POINT.exec(raw); m; m = POINT.exec(raw)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    const lastIndex = POINT.lastIndex;
    yield {
      lat: attribute(attrs, LAT),
      lon: attribute(attrs, LON),
      ele: ELE.exec(body)?.[1],
      time: TIME.exec(body)?.[1],
      hr: body.includes('<') ? rawNumber(body, HR_TAGS) : undefined,
    };
    POINT.lastIndex = lastIndex;
  }
}


