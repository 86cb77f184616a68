/**
 * CSV as spreadsheets write it (RFC 4180), for the roster export and import. Pure: no I/O.
 *
 * Parsing accepts quoted fields (with `""` for a quote and line breaks inside), CRLF, LF or CR
 * line ends, a UTF-8 byte order mark, and `,` or `;` as the delimiter (European spreadsheets
 * write `;`), detected from the header line. Each row keeps the line number it starts on, so
 * problems can be reported where the coach sees them.
 *
 * Serializing quotes only where needed and guards against formula injection: a cell starting
 * with = + - @ tab or CR would run as a formula when the file is opened in a spreadsheet, so it
 * gets a leading apostrophe (OWASP "CSV injection"). `unguardCell` takes exactly that apostrophe
 * off again, so export -> import is lossless.
 */

export type CsvDelimiter = ',' | ';';

/** One record: its cells and the (1-based) line of the file it starts on. */
export type CsvRow = { line: number; cells: string[] };

export type CsvParseResult =
  | { ok: true; delimiter: CsvDelimiter; rows: CsvRow[] }
  | { ok: false; error: { line: number; message: string } };

const BOM = '\uFEFF';

/** `;` when the header line has more semicolons than commas outside quotes, else `,`. */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Parses a whole CSV text. A text that is empty (or only a BOM) has no rows. */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): CsvParseResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      // One field, starting at i.
      if (text[i] === '"') {
        const openLine = line;
        let value = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            return { ok: false, error: { line: openLine, message: `Line ${openLine}: a quoted value is never closed (a " is missing).` } };
          }
          line += countLineBreaks(text, i, q);
          if (text[q + 1] === '"') {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        cells.push(value);
        const next = text[i];
        if (i < n && next !== delimiter && next !== '\n' && next !== '\r') {
          return {
            ok: false,
            error: { line, message: `Line ${line}: unexpected text after a closing quote (a value with a " inside must be quoted, with the " doubled).` },
          };
        }
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
        cells.push(text.slice(i, j));
        i = j;
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // End of the record: a line break or the end of the text.
    if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (text[i] === '\n') i++;
    line++;
    rows.push({ line: rowLine, cells });
  }
  return { ok: true, delimiter, rows };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const ch = text[k];
    if (ch === '\n') count++;
    else if (ch === '\r' && text[k + 1] !== '\n') count++;
  }
  return count;
}

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Prefixes an apostrophe to a cell a spreadsheet would run as a formula. */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of guardCell: drops the one apostrophe it added, and nothing else. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;
}

/** Quotes a cell when it holds a delimiter (either one), a quote or a line break, or starts with a BOM. */
function quoteCell(value: string): string {
  return /[",;\r\n]/.test(value) || value.startsWith(BOM) ? `"${value.replace(/"/g, '""')}"` : value;
}

export type SerializeOptions = {
  delimiter?: CsvDelimiter;
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read accents correctly. */
  bom?: boolean;
  /** Formula-injection guard (default on); off only for data that is never opened in a spreadsheet. */
  guard?: boolean;
};

/** Writes rows as CSV, each ended by CRLF (RFC 4180). */
export function serializeCsv(rows: readonly (readonly string[])[], options: SerializeOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const guard = options.guard ?? true;
  let out = options.bom ? BOM : '';
  for (const row of rows) {
    out += row.map((cell) => quoteCell(guard ? guardCell(cell) : cell)).join(delimiter) + '\r\n';
  }
  return out;
}

/** The size of a text in UTF-8 bytes (what a file of it weighs), without any platform API. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
