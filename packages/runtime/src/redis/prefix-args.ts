/** Applies a KeySpec: returns the arguments with every key (or channel) position prefixed. */
import type { RedisArg } from './adapter.js';
import type { KeySpec } from './command-specs.js';

function prefixed(prefix: string, key: RedisArg): RedisArg {
  if (Buffer.isBuffer(key)) return Buffer.concat([Buffer.from(prefix, 'utf8'), key]);
  return prefix + String(key);
}

function requireArgs(command: string, args: readonly RedisArg[], min: number): void {
  if (args.length < min) throw new TypeError(`${command.toUpperCase()} needs at least ${min} argument(s)`);
}

export function prefixKeyArgs(command: string, spec: KeySpec, args: readonly RedisArg[], prefix: string): RedisArg[] {
  const out = [...args];
  const at = (i: number): void => {
    out[i] = prefixed(prefix, args[i] as RedisArg);
  };
  switch (spec.kind) {
    case 'none':
      return out;
    case 'first':
    case 'channel':
      requireArgs(command, args, 1);
      at(0);
      return out;
    case 'firstN':
      requireArgs(command, args, spec.count);
      for (let i = 0; i < spec.count; i++) at(i);
      return out;
    case 'all':
      requireArgs(command, args, 1);
      for (let i = 0; i < args.length; i++) at(i);
      return out;
    case 'allButLast':
      requireArgs(command, args, 2);
      for (let i = 0; i < args.length - 1; i++) at(i);
      return out;
    case 'pairs':
      if (args.length === 0 || args.length % 2 !== 0) throw new TypeError(`${command.toUpperCase()} needs key/value pairs`);
      for (let i = 0; i < args.length; i += 2) at(i);
      return out;
    case 'numkeys': {
      for (let i = 0; i < spec.leading; i++) at(i);
      const raw = args[spec.numkeysIndex];
      const count = Number(raw === undefined ? NaN : String(raw));
      // A wrong numkeys would make us prefix values and leave keys unprefixed: refuse instead of guessing.
      if (!Number.isInteger(count) || count < 1 || spec.numkeysIndex + count > args.length - 1) {
        throw new TypeError(`${command.toUpperCase()}: numkeys must be a positive integer not larger than the keys given`);
      }
      for (let i = spec.numkeysIndex + 1; i <= spec.numkeysIndex + count; i++) at(i);
      return out;
    }
  }
}
