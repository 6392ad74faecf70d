// The HTML a browser gets (guide 2.2): the same data as the JSON, as plain tables.

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return esc(JSON.stringify(v));
  return esc(String(v));
}

function table(records: Record<string, unknown>[]): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const head = `<tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const rows = records
    .map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table border="1">\n${head}\n${rows}\n</table>`;
}

/** Renders an envelope: scalar fields as a key/value table, then `data` (array or keyed object) as a table. */
export function renderHtml(title: string, body: Record<string, unknown>): string {
  const { data, ...fields } = body;
  const pairs = Object.entries(fields)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${cell(v)}</td></tr>`)
    .join('\n');
  let list = '';
  if (data && typeof data === 'object') {
    const records = (Array.isArray(data) ? data : Object.values(data)) as Record<string, unknown>[];
    list = records.length ? table(records) : '<p>No data.</p>';
  }
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><h1>${esc(title)}</h1>
<table border="1">
${pairs}
</table>
${list}
</body></html>
`;
}
