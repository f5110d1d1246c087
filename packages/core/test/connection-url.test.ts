import { describe, expect, it } from 'vitest';
import { connectionUrlUsers, isSuperuserConnectionUrl } from '../src/index.js';

describe('connection URL users', () => {
  it('reads the user of every postgres URL, decoded and lower-cased, where it starts', () => {
    const text = `const a = 'postgres://Reporting:pw@db/app';\nconst b = "postgresql://my%40role@db";\nconst c = 'postgres://bad%zz@db';`;
    expect(connectionUrlUsers(text)).toEqual([
      { role: 'reporting', index: text.indexOf('postgres://Reporting') },
      { role: 'my@role', index: text.indexOf('postgresql://') },
      { role: 'bad%zz', index: text.indexOf('postgres://bad') },
    ]);
  });

  it('reads no user from a URL without one, or one built in a template', () => {
    expect(connectionUrlUsers('postgres://db.example.com/app')).toEqual([]);
    expect(connectionUrlUsers('`postgres://${user}:${password}@db/app`')).toEqual([]);
    expect(connectionUrlUsers('mysql://root:pw@db/app')).toEqual([]);
  });

  it('knows a superuser login only at the start of the string', () => {
    expect(isSuperuserConnectionUrl('postgres://rdsadmin:pw@host/db')).toBe(true);
    expect(isSuperuserConnectionUrl('postgresql://supabase_admin@host/db')).toBe(true);
    expect(isSuperuserConnectionUrl('POSTGRES://Postgres:pw@host/db')).toBe(true);
    expect(isSuperuserConnectionUrl('postgres://app:pw@host/db')).toBe(false);
    expect(isSuperuserConnectionUrl('postgres://postgresx@host/db')).toBe(false);
    expect(isSuperuserConnectionUrl('see postgres://postgres@host/db')).toBe(false);
  });
});
