/** Recall figures and the markdown table of the real-fix benchmark. */

const pct = (n, d) => (d ? `${Math.round((100 * n) / d)} %` : 'n/a');

function tally(rows) {
  const scored = rows.filter((r) => r.status === 'scored');
  const hit = scored.filter((r) => r.hit).length;
  const both = scored.filter((r) => r.hit && r.silent).length;
  return { cases: rows.length, scored: scored.length, hit, hitAndSilent: both, crashes: rows.filter((r) => r.status === 'crash').length };
}

function groupBy(rows, key) {
  const out = new Map();
  for (const r of rows) {
    const k = r[key] ?? 'other';
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return [...out.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
}

export function summarise(results) {
  const rows = results.filter(Boolean);
  const exploitable = rows.filter((r) => r.exploitable);
  const depth = rows.filter((r) => !r.exploitable);
  const shape = Object.fromEntries(groupBy(exploitable, 'shape').map(([k, v]) => [k, tally(v)]));
  const library = Object.fromEntries(groupBy(exploitable, 'library').map(([k, v]) => [k, tally(v)]));
  const framework = Object.fromEntries(groupBy(exploitable, 'framework').map(([k, v]) => [k, tally(v)]));
  return { exploitable: tally(exploitable), defenceInDepth: tally(depth), byShape: shape, byLibrary: library, byFramework: framework,
    missingSnapshots: rows.filter((r) => r.status === 'no-snapshot').map((r) => r.repo).filter((v, i, a) => a.indexOf(v) === i) };
}

function tableOf(title, groups) {
  const lines = [`| ${title} | cases | HIT | HIT and SILENT |`, '| --- | --- | --- | --- |'];
  for (const [k, t] of Object.entries(groups)) lines.push(`| ${k} | ${t.scored} | ${t.hit} (${pct(t.hit, t.scored)}) | ${t.hitAndSilent} (${pct(t.hitAndSilent, t.scored)}) |`);
  return lines.join('\n');
}

function verdict(r) {
  if (r.status !== 'scored') return r.status;
  if (!r.hit) return 'miss';
  return r.silent ? 'HIT, SILENT' : 'HIT, not silent';
}

export function renderMarkdown(results, summary, cases) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const e = summary.exploitable;
  const d = summary.defenceInDepth;
  const out = [];
  out.push(`Exploitable cases: ${e.scored} scored of ${e.cases}; HIT ${e.hit} (${pct(e.hit, e.scored)}), HIT and SILENT ${e.hitAndSilent} (${pct(e.hitAndSilent, e.scored)}); crashes ${e.crashes}.`);
  out.push(`Defence-in-depth cases (scored apart): ${d.scored} scored of ${d.cases}; HIT ${d.hit}, HIT and SILENT ${d.hitAndSilent}; crashes ${d.crashes}.`);
  if (summary.missingSnapshots.length) out.push(`No snapshot (fetch them first): ${summary.missingSnapshots.join(', ')}.`);
  out.push('', tableOf('shape', summary.byShape), '', tableOf('library', summary.byLibrary), '', tableOf('framework', summary.byFramework), '');
  out.push('| case | repo | shape | library | exploitable | verdict | findings parent → fix (P0) | in the changed functions, parent → fix |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results.filter(Boolean)) {
    const c = byId.get(r.id) ?? {};
    const counts = r.before && !r.before.error && r.after && !r.after.error
      ? `${r.before.total} (${r.before.p0}) → ${r.after.total} (${r.after.p0})` : (r.before?.error ?? r.after?.error ?? r.error ?? '');
    const inChanged = r.status === 'scored' ? `${r.before.inChanged.map((f) => f.kind).join(', ') || '—'} → ${r.after.inChanged.map((f) => f.kind).join(', ') || '—'}` : '';
    out.push(`| ${r.id} | ${r.repo}@${String(c.fix ?? '').slice(0, 10)} | ${r.shape} | ${r.library} | ${r.exploitable ? 'yes' : 'no'} | ${verdict(r)} | ${counts} | ${inChanged} |`);
  }
  return `${out.join('\n')}\n`;
}
