// A small RFC 4180 reader/writer: quoted fields, doubled quotes, CRLF or LF. Line numbers are kept
// so a bad row can be reported by the line a person sees in their editor.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): { records: CsvRecord[]; error?: string; errorLine?: number } {
  const records: CsvRecord[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  // A line holding only `""` is a record with one empty field, not a blank line to skip.
  let quoted = false;
  const blank = (r: CsvRecord) => r.fields.length === 1 && r.fields[0]!.trim() === '';
  let line = 1;
  let recordLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        // Count line breaks the way an editor shows them: LF, CRLF and a lone CR.
        if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') inQuotes = quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      const rec = { line: recordLine, fields };
      if (quoted || !blank(rec)) records.push(rec);
      fields = [];
      field = '';
      quoted = false;
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) return { records, error: `line ${recordLine}: a quoted field is never closed`, errorLine: recordLine };
  if (field !== '' || fields.length > 0 || quoted) {
    fields.push(field);
    const rec = { line: recordLine, fields };
    if (quoted || !blank(rec)) records.push(rec);
  }
  return { records };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(rows: string[][]): string {
  // A row of one empty field is written `""`; unquoted it would be a blank line, which is skipped.
  return rows.map((r) => (r.length === 1 && r[0] === '' ? '""' : r.map(quote).join(','))).join('\n') + '\n';
}

// A cell a spreadsheet would run as a formula (= + - @, or a tab or CR first) is written with a leading
// apostrophe, which spreadsheets show as text. A value that already starts with apostrophes before such
// a character gets one more, so `restoreFormulaText` undoes exactly what `neutraliseFormula` did.
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_LIKE.test(value) ? `'${value}` : value;
}

export function restoreFormulaText(value: string): string {
  return value.startsWith("'") && FORMULA_LIKE.test(value) ? value.slice(1) : value;
}
