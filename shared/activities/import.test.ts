import { describe, expect, it } from 'vitest';
import { PNG_BYTES, ZIP_BYTES, bytesOf, makeGpx, makeTcx } from './fixtures.test-helpers';
import { MAX_ACTIVITY_FILE_BYTES, detectFormat, parseActivityFile } from './import';

describe('detectFormat', () => {
  it('looks at the content first, the name second', () => {
    expect(detectFormat('run.fit', bytesOf(makeGpx()))).toBe('gpx');
    expect(detectFormat('x.bin', bytesOf(makeTcx()))).toBe('tcx');
    expect(detectFormat('a.txt', bytesOf('<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate)>\n]>\n<HealthData locale="en_US">'))).toBe('apple_health');
    const fitHead = new Uint8Array([14, 0x20, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0]);
    expect(detectFormat('activity.gpx', fitHead)).toBe('fit');
    expect(detectFormat('photo.fit', PNG_BYTES)).toBe('fit');
    expect(detectFormat('Export.XML', bytesOf('hello'))).toBe('apple_health');
    expect(detectFormat('photo.png', PNG_BYTES)).toBe('unknown');
    expect(detectFormat('export.zip', ZIP_BYTES)).toBe('unknown');
  });
});

describe('parseActivityFile refusals', () => {
  it('refuses an empty, a zipped, an oversized and a foreign file with a sentence', () => {
    expect(parseActivityFile('run.gpx', new Uint8Array())).toEqual({ ok: false, format: 'gpx', problems: [{ where: 'file', message: '"run.gpx" is empty (0 bytes): nothing to import.' }] });
    const zip = parseActivityFile('export.zip', ZIP_BYTES);
    expect(zip.ok).toBe(false);
    if (!zip.ok) expect(zip.problems[0]!.message).toContain('unzip it and drop export.xml');
    const gz = parseActivityFile('123.fit.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]));
    if (!gz.ok) expect(gz.problems[0]!.message).toContain('compressed (gzip)');
    const big = new Uint8Array(MAX_ACTIVITY_FILE_BYTES + 1);
    big.set(bytesOf('<gpx>'));
    expect(parseActivityFile('big.gpx', big)).toEqual({ ok: false, format: 'gpx', problems: [{ where: 'file', message: '"big.gpx" is 50 MB; a GPX file of at most 50 MB is accepted.' }] });
    expect(parseActivityFile('cat.png', PNG_BYTES)).toEqual({
      ok: false,
      format: 'unknown',
      problems: [{ where: 'file', message: '"cat.png" is not an activity file (it looks like a PNG image). Drop a FIT, GPX or TCX file, or an Apple Health export.xml.' }],
    });
  });

  it('refuses an unknown time zone instead of throwing', () => {
    const result = parseActivityFile('run.gpx', bytesOf(makeGpx()), { timeZone: 'Mars/Olympus' });
    expect(result).toMatchObject({ ok: false, problems: [{ where: 'file', message: expect.stringContaining('"Mars/Olympus" is not known') }] });
  });
});
