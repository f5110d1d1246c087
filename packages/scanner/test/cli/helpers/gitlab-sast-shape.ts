/**
 * The rules of GitLab's SAST security report schema (v15) that a report from tenant-audit can
 * break, checked by hand: the schema itself is not shipped in this repository. Returns one line per
 * problem, so a failing test names every broken field at once; an empty list means the report fits.
 */
type Json = Record<string, unknown>;

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const SEVERITIES = ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function component(value: unknown, at: string, out: string[]): void {
  if (!isObject(value)) {
    out.push(`${at} is missing`);
    return;
  }
  for (const key of ['id', 'name', 'version']) if (!isText(value[key])) out.push(`${at}.${key} must be a non-empty string`);
  if (!isObject(value.vendor) || !isText(value.vendor.name)) out.push(`${at}.vendor.name must be a non-empty string`);
}

function scan(value: unknown, out: string[]): void {
  if (!isObject(value)) {
    out.push('scan is missing');
    return;
  }
  component(value.analyzer, 'scan.analyzer', out);
  component(value.scanner, 'scan.scanner', out);
  for (const key of ['start_time', 'end_time']) {
    if (typeof value[key] !== 'string' || !TIME.test(value[key])) out.push(`scan.${key} must be yyyy-mm-ddThh:mm:ss`);
  }
  if (value.status !== 'success' && value.status !== 'failure') out.push('scan.status must be success or failure');
  if (value.type !== 'sast') out.push('scan.type must be sast');
  if (value.messages !== undefined) {
    if (!Array.isArray(value.messages)) out.push('scan.messages must be an array');
    else {
      value.messages.forEach((m: unknown, i) => {
        if (!isObject(m) || !['info', 'warn', 'fatal'].includes(m.level as string) || !isText(m.value)) out.push(`scan.messages[${i}] needs level info/warn/fatal and a value`);
      });
    }
  }
}

function vulnerability(value: unknown, at: string, out: string[]): void {
  if (!isObject(value)) {
    out.push(`${at} must be an object`);
    return;
  }
  if (!isText(value.id)) out.push(`${at}.id must be a non-empty string`);
  if (value.name !== undefined && (typeof value.name !== 'string' || value.name.length > 255)) out.push(`${at}.name must be a string of at most 255 characters`);
  if (value.description !== undefined && (typeof value.description !== 'string' || value.description.length > 1_048_576)) out.push(`${at}.description must be a string of at most 1 MiB`);
  if (value.solution !== undefined && (typeof value.solution !== 'string' || value.solution.length > 7000)) out.push(`${at}.solution must be a string of at most 7000 characters`);
  if (value.severity !== undefined && !SEVERITIES.includes(value.severity as string)) out.push(`${at}.severity must be one of ${SEVERITIES.join(', ')}`);
  if (!Array.isArray(value.identifiers) || value.identifiers.length === 0) out.push(`${at}.identifiers must hold at least one identifier`);
  else {
    value.identifiers.forEach((id: unknown, i) => {
      if (!isObject(id) || !isText(id.type) || !isText(id.name) || !isText(id.value)) out.push(`${at}.identifiers[${i}] needs a non-empty type, name and value`);
    });
  }
  const location = value.location;
  if (!isObject(location)) out.push(`${at}.location is missing`);
  else {
    if (location.file !== undefined && typeof location.file !== 'string') out.push(`${at}.location.file must be a string`);
    for (const key of ['start_line', 'end_line']) if (location[key] !== undefined && typeof location[key] !== 'number') out.push(`${at}.location.${key} must be a number`);
  }
}

export function gitlabSastProblems(report: unknown): string[] {
  const out: string[] = [];
  if (!isObject(report)) return ['the report is not a JSON object'];
  if (typeof report.version !== 'string' || !/^[0-9]+\.[0-9]+\.[0-9]+$/.test(report.version)) out.push('version must be x.y.z');
  if (report.schema !== undefined && (typeof report.schema !== 'string' || !/^https?:\/\/.+/.test(report.schema))) out.push('schema must be an http(s) URL');
  scan(report.scan, out);
  if (!Array.isArray(report.vulnerabilities)) out.push('vulnerabilities must be an array');
  else report.vulnerabilities.forEach((v: unknown, i) => vulnerability(v, `vulnerabilities[${i}]`, out));
  return out;
}
