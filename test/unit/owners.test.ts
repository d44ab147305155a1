import assert from 'node:assert/strict';
import { MAX_CANDIDATES, matchOwner, matchOwners, type Person } from '../../src/core/owners';
import type { Member } from '../../src/core/tallyfy';

const ada: Person = { id: 1, email: 'ada@example.com', fullName: 'Ada Lovelace', firstName: 'Ada', username: 'countess' };
const alan: Person = { id: 2, email: 'a.turing@example.com', fullName: 'Alan Turing', firstName: 'Alan', username: 'alant' };
const grace: Person = { id: 3, email: 'grace@navy.example', fullName: 'Grace Hopper', firstName: 'Grace' };
const jose: Person = { id: 4, email: 'jose@example.com', fullName: 'José Álvarez', firstName: 'José' };
const people: readonly Person[] = [ada, alan, grace, jose];

function member(written: string, list: readonly Person[] = people): Person | undefined {
  const m = matchOwner(written, list);
  return m.kind === 'member' ? m.member : undefined;
}

function candidates(written: string, list: readonly Person[] = people): number[] | undefined {
  const m = matchOwner(written, list);
  return m.kind === 'ambiguous' ? m.candidates.map((p) => p.id) : undefined;
}

describe('owner matching', () => {
  it('takes a Tallyfy member as a person', () => {
    const m: Member = { id: 9, email: 'm@example.com', fullName: 'Mia Example', status: 'active' };
    assert.equal(member('mia', [m]), m);
  });

  it('matches each field exactly', () => {
    assert.equal(member('countess'), ada, 'username');
    assert.equal(member('a.turing@example.com'), alan, 'email');
    assert.equal(member('a.turing'), alan, 'email before @');
    assert.equal(member('grace'), grace, 'first name');
    assert.equal(member('Alan Turing'), alan, 'full name');
    assert.deepEqual(matchOwner('grace', people), { kind: 'member', written: 'grace', member: grace });
  });

  it('ignores case, compatibility forms, accents and extra blanks', () => {
    assert.equal(member('COUNTESS'), ada);
    assert.equal(member('ＧＲＡＣＥ'), grace, 'full-width letters (NFKC)');
    assert.equal(member('jose'), jose, 'accents fold');
    assert.equal(member('JOSE\u0301'), jose, 'a combining accent');
    assert.equal(member('jose alvarez'), jose);
    assert.equal(member('  ada   lovelace '), ada);
    const izmir: Person = { id: 5, email: 'x@example.com', fullName: 'İlker Kaya' };
    assert.equal(member('ilker kaya', [izmir]), izmir, 'dotted capital I, without the Turkish locale');
    const soren: Person = { id: 6, email: 'y@example.com', fullName: 'Søren Ørsted' };
    assert.equal(matchOwner('soren', [soren]).kind, 'none', 'ø is a letter, not o with an accent');
  });

  it('drops a leading @ and blanks', () => {
    assert.deepEqual(matchOwner(' @countess ', people), { kind: 'member', written: 'countess', member: ada });
    assert.equal(member('@ada@example.com'), ada);
  });

  it('prefers an exact match to prefixes', () => {
    const ann: Person = { id: 10, email: 'a1@example.com', fullName: 'Ann Lee', username: 'ann' };
    const anna: Person = { id: 11, email: 'a2@example.com', fullName: 'Anna Berg', username: 'anna' };
    assert.equal(member('ann', [anna, ann]), ann);
    assert.equal(member('anna', [anna, ann]), anna);
  });

  it('matches a unique prefix of a field or of a word of the full name', () => {
    assert.equal(member('coun'), ada, 'username');
    assert.equal(member('gra'), grace, 'first name');
    assert.equal(member('love'), ada, 'a word of the full name');
    assert.equal(member('turing'), alan, 'a whole later word');
    assert.equal(member('alvar'), jose);
    assert.equal(member('a.tur'), alan, 'email');
  });

  it('needs two characters for a prefix', () => {
    assert.equal(matchOwner('g', people).kind, 'none');
    assert.equal(member('gr'), grace);
    const x: Person = { id: 12, email: 'x@example.com', fullName: 'X' };
    assert.equal(member('x', [x]), x, 'an exact one-letter name still matches');
  });

  it('calls a prefix shared by several members ambiguous', () => {
    assert.deepEqual(candidates('al'), [2, 4], 'Alan, and Álvarez');
    assert.deepEqual(candidates('ada'), undefined, 'exact on Ada');
  });

  it('calls an exact match of several members ambiguous, not looking at prefixes', () => {
    const alex1: Person = { id: 20, email: 'alex.k@example.com', fullName: 'Alex King', firstName: 'Alex' };
    const alex2: Person = { id: 21, email: 'alex.m@example.com', fullName: 'Alex Moore', firstName: 'Alex' };
    const alexa: Person = { id: 22, email: 'alexa@example.com', fullName: 'Alexa Stone', firstName: 'Alexa' };
    assert.deepEqual(candidates('alex', [alexa, alex1, alex2]), [20, 21]);
    assert.deepEqual(candidates('alexa', [alexa, alex1, alex2]), undefined);
  });

  it('counts a member matched by several fields once', () => {
    const ann: Person = { id: 30, email: 'ann@example.com', fullName: 'Ann', firstName: 'Ann', username: 'ann' };
    assert.equal(member('ann', [ann]), ann);
    assert.equal(member('an', [ann]), ann);
    assert.equal(member('ann', [ann, { ...ann }]), ann, 'the same id twice');
  });

  it('lists at most five candidates, in the people order', () => {
    const many: Person[] = [];
    for (let i = 0; i < 8; i++) many.push({ id: 100 + i, email: `sam${i}@example.com`, fullName: `Sam ${i}`, firstName: 'Sam' });
    assert.equal(MAX_CANDIDATES, 5);
    assert.deepEqual(candidates('sam', many), [100, 101, 102, 103, 104]);
  });

  it('says none when nothing matches', () => {
    assert.deepEqual(matchOwner('perf', people), { kind: 'none', written: 'perf' });
    assert.deepEqual(matchOwner('  @ ', people), { kind: 'none', written: '' });
    assert.equal(matchOwner('ada', []).kind, 'none');
    assert.equal(matchOwner('lovelacex', people).kind, 'none');
  });

  it('matches an email to the member with that email, only whole', () => {
    assert.equal(member('ADA@Example.COM'), ada);
    assert.equal(matchOwner('ada@example.co', people).kind, 'guest', 'an email is never a prefix');
  });

  it('offers an email of no member as a guest', () => {
    assert.deepEqual(matchOwner('@Pat@Partner.example', people), { kind: 'guest', written: 'Pat@Partner.example', email: 'Pat@Partner.example' });
    assert.equal(matchOwner('jose\u0301@example.com', people).kind, 'guest', 'accents count in an address');
    assert.equal(matchOwner('ada@localhost', people).kind, 'none', 'no dot in the domain: a name');
  });

  it('never matches a disabled member', () => {
    const gone: Person = { ...grace, status: 'disabled' };
    const list = [ada, gone];
    assert.equal(matchOwner('grace', list).kind, 'none');
    assert.equal(matchOwner('gra', list).kind, 'none');
    assert.equal(matchOwner('grace@navy.example', list).kind, 'guest');
    const alexOn: Person = { id: 40, email: 'a@example.com', fullName: 'Alex On', firstName: 'Alex', status: 'active' };
    const alexOff: Person = { id: 41, email: 'b@example.com', fullName: 'Alex Off', firstName: 'Alex', status: 'disabled' };
    assert.equal(member('alex', [alexOff, alexOn]), alexOn, 'a disabled member makes nothing ambiguous');
  });
});

describe('owners of a TODO', () => {
  const ID = '0123456789abcdef0123456789abcdef';

  it('matches every author in order, with ids and guests', () => {
    const r = matchOwners(['grace', 'pat@partner.example', 'al', 'nobody', '@countess'], people);
    assert.deepEqual(
      r.matches.map((m) => [m.kind, m.written]),
      [
        ['member', 'grace'],
        ['guest', 'pat@partner.example'],
        ['ambiguous', 'al'],
        ['none', 'nobody'],
        ['member', 'countess'],
      ],
    );
    assert.deepEqual(r.users, [3, 1]);
    assert.deepEqual(r.guests, ['pat@partner.example']);
  });

  it('collapses names written twice and members named twice', () => {
    const r = matchOwners(['ada', 'ADA', '@ada', 'countess', 'ada@example.com', 'Pat@x.example', 'pat@X.example', 'grace'], people);
    assert.deepEqual(
      r.matches.map((m) => m.written),
      ['ada', 'countess', 'ada@example.com', 'Pat@x.example', 'grace'],
    );
    assert.deepEqual(r.users, [1, 3]);
    assert.deepEqual(r.guests, ['Pat@x.example']);
  });

  it('skips references and empty names', () => {
    const r = matchOwners([`tallyfy:${ID}`, '', '  ', '@', 'grace'], people);
    assert.deepEqual(r.matches, [{ kind: 'member', written: 'grace', member: grace }]);
    assert.deepEqual(r.users, [3]);
    assert.deepEqual(r.guests, []);
    assert.deepEqual(matchOwners([], people), { matches: [], users: [], guests: [] });
  });
});
