/**
 * `node bench/scanner/cli.mjs [--sizes 1000,5000] [--large] [--path DIR] [--repeat N] [--json FILE] [--keep]`
 * Default: 1k and 5k synthetic files. `--large` adds 20k. `--path` adds a real checkout.
 */
import { writeFileSync } from 'node:fs';
import { machine, runSuite, table, verdicts } from './suite.mjs';

export function parseBenchArgs(argv) {
  const opts = { sizes: [1000, 5000], path: undefined, repeat: 1, json: undefined, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') opts.sizes = String(argv[++i] ?? '').split(',').filter(Boolean).map(Number);
    else if (a === '--large') opts.sizes = [...new Set([...opts.sizes, 20000])];
    else if (a === '--path') opts.path = argv[++i];
    else if (a === '--repeat') opts.repeat = Number(argv[++i] ?? 1);
    else if (a === '--json') opts.json = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else if (a === '--quick') opts.sizes = [1000];
  }
  return opts;
}

export function main(argv) {
  const opts = parseBenchArgs(argv);
  const info = machine();
  console.log(`\n## tenant-audit scanner bench — Node ${info.node}, nproc ${info.nproc}, ${info.cpu}; peak RSS via ${info.peakRss}\n`);
  const results = runSuite(opts);
  console.log(table(results));
  console.log('');
  for (const v of verdicts(results)) console.log(`- ${v}`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ machine: info, results }, null, 2)}\n`);
  return results;
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) main(process.argv.slice(2));
