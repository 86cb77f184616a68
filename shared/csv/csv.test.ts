import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, guardCell, parseCsv, serializeCsv, unguardCell, utf8Length, type CsvRow } from './csv';

const cells = (text: string, delimiter?: ',' | ';') => {
  const result = parseCsv(text, delimiter ? { delimiter } : {});
  if (!result.ok) throw new Error(result.error.message);
  return result.rows.map((r) => r.cells);
};

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF or CR line ends, without a phantom last row', () => {
    expect(cells('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(cells('')).toEqual([]);
  });

  it('keeps empty cells and empty lines', () => {
    expect(cells('a,,c\n\n,\n')).toEqual([['a', '', 'c'], [''], ['', '']]);
  });

  it('reads quoted values with delimiters, doubled quotes and line breaks inside', () => {
    expect(cells('"Smith, Jo","say ""hi""","line 1\r\nline 2"\nx,y,z')).toEqual([
      ['Smith, Jo', 'say "hi"', 'line 1\r\nline 2'],
      ['x', 'y', 'z'],
    ]);
    expect(cells('""\n')).toEqual([['']]);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(cells('\uFEFFEmail,Status\r\nzoe@x.test,active')).toEqual([['Email', 'Status'], ['zoe@x.test', 'active']]);
  });

  it('gives each row the line it starts on, counting line breaks inside quotes', () => {
    const result = parseCsv('h1,h2\n"a\nb\r\nc",x\ny,z\r\n\r\nlast,row');
    expect(result.ok && result.rows.map((r: CsvRow) => r.line)).toEqual([1, 2, 5, 6, 7]);
  });

  it('detects ; from the header line, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('Email;Display name;Labels\nx,y')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(cells('Email;Labels\nzoe@x.test;"@a, @b"')).toEqual([['Email', 'Labels'], ['zoe@x.test', '@a, @b']]);
    const result = parseCsv('a;b\n');
    expect(result.ok && result.delimiter).toBe(';');
  });

  it('honours a forced delimiter', () => {
    expect(cells('a;b,c', ',')).toEqual([['a;b', 'c']]);
  });

  it('reports an unterminated quote with the line it opens on', () => {
    const result = parseCsv('Email,Notes\nzoe@x.test,ok\nada@x.test,"never\nclosed\n');
    expect(result).toEqual({ ok: false, error: { line: 3, message: expect.stringMatching(/^Line 3: .*never closed/) } });
  });

  it('reports text after a closing quote', () => {
    const result = parseCsv('a,b\n"x"y,z');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(2);
  });
});

describe('serializeCsv', () => {
  it('quotes only where needed and ends rows with CRLF', () => {
    expect(serializeCsv([['Name', 'Notes'], ['Zoë', 'a, b'], ['say "hi"', 'x\ny'], ['semi;colon', '']])).toBe(
      'Name,Notes\r\nZoë,"a, b"\r\n"say ""hi""","x\ny"\r\n"semi;colon",\r\n',
    );
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    const row = ['=HYPERLINK("http://evil")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'ok', "'=already"];
    const [line] = serializeCsv([row]).split('\r\n');
    expect(line).toBe(`"'=HYPERLINK(""http://evil"")",'+1,'-2,'@SUM(A1),'\tx,"'\rx",ok,''=already`);
    expect(serializeCsv([['=1']], { guard: false })).toBe('=1\r\n');
  });

  it('can start with a byte order mark and use ;', () => {
    expect(serializeCsv([['a', 'b;c']], { bom: true, delimiter: ';' })).toBe('\uFEFFa;"b;c"\r\n');
  });

  it('unguardCell takes off only the apostrophe guardCell added', () => {
    for (const v of ['=1', "'=1", "''@x", 'plain', "'plain", '', "'"]) expect(unguardCell(guardCell(v))).toBe(v);
    expect(unguardCell("'plain")).toBe("'plain");
  });
});

describe('round trip', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', ' ', ',', ';', '"', "'", '=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '\uFEFF', '😀') });
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

  it('parse(serialize(rows)) gives the rows back, for either delimiter, with or without BOM', () => {
    fc.assert(
      fc.property(table, fc.constantFrom<',' | ';'>(',', ';'), fc.boolean(), (rows, delimiter, bom) => {
        const result = parseCsv(serializeCsv(rows, { delimiter, bom }), { delimiter });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.rows.map((r) => r.cells.map(unguardCell))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('detects the delimiter it was written with when the header has two or more columns', () => {
    const rectangular = fc
      .integer({ min: 2, max: 5 })
      .chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(rectangular, fc.constantFrom<',' | ';'>(',', ';'), fc.boolean(), (rows, delimiter, bom) => {
        const result = parseCsv(serializeCsv(rows, { delimiter, bom }));
        expect(result.ok && result.delimiter).toBe(delimiter);
        if (result.ok) expect(result.rows.map((r) => r.cells.map(unguardCell))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });
});
