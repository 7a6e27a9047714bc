import { describe, expect, it } from 'vitest';
import { KEY_LENGTH, inviteAccount, inviteCode, inviteLink, newInviteKey, parseInviteCode, serverUrlProblem } from '../../../src/classes/invite';

describe('class invites', () => {
  it('makes keys of the readable alphabet, different each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newInviteKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(new RegExp(`^[a-hj-km-np-z2-9]{${KEY_LENGTH}}$`));
  });

  it('reads back the code it writes, forgiving case and spaces, for class ids with dashes', () => {
    const invite = { classId: 'bio-7a', key: 'abcdefgh2345' };
    expect(inviteCode(invite)).toBe('bio-7a-abcdefgh2345');
    expect(parseInviteCode(' BIO-7A-ABCD EFGH 2345 ')).toEqual({ ok: true, invite });
    expect(inviteAccount('bio-7a')).toBe('class-bio-7a-invite');
  });

  it('names what is wrong with a code', () => {
    const short = parseInviteCode('bio-7a-abc');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toContain('not complete');
    const badId = parseInviteCode('-x-abcdefgh2345');
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.error).toContain('class id');
  });

  it('puts the server in the link, encoded', () => {
    const link = inviteLink('https://app.example.org/', 'https://sync.example.org:6984/', { classId: 'c1', key: 'abcdefgh2345' });
    expect(link).toBe('https://app.example.org/join/c1-abcdefgh2345?server=https%3A%2F%2Fsync.example.org%3A6984%2F');
    expect(new URL(link).searchParams.get('server')).toBe('https://sync.example.org:6984/');
  });

  it('checks server addresses', () => {
    expect(serverUrlProblem('http://127.0.0.1:5984')).toBeNull();
    expect(serverUrlProblem('sync.example.org')).toContain('not a web address');
    expect(serverUrlProblem('ftp://x.org')).toContain('https://');
  });
});
