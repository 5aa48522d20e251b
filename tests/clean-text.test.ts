import { describe, expect, it } from 'vitest';
import {
  cleanDisplayName,
  cleanLine,
  cleanLineEveryPass,
  cleanLines,
  normalisePhone,
  normalisePostcode,
} from '../casework/commands/clean-text.js';
import { householdInput, noteInput, parseInput, postponeInput } from '../casework/commands/inputs.js';
import { InvalidInput } from '../casework/errors.js';
import { HIDDEN_CHARACTERS, HOSTILE_STRINGS, ONE_OF_EACH_HIDDEN } from './fixtures/hostile-strings.js';
import { seededRandom } from './fixtures/random-histories.js';

// Free text at the door (casework/commands/clean-text.ts, casework/commands/inputs.ts): invisible characters and
// controls removed, NFC, limits counted on what is left; postcodes and phone numbers normalised.

describe('cleaning free text', () => {
  it.each(HOSTILE_STRINGS)('leaves what a reader sees of $what, and nothing hidden', ({ value, shows }) => {
    expect(cleanLine(value)).toBe(shows);
    expect(cleanLine(value)).not.toMatch(HIDDEN_CHARACTERS);
  });

  it('turns line breaks and tabs into one space in a single-line value', () => {
    expect(cleanLine(' Jan\r\n\tde\u2028Vries  ')).toBe('Jan de Vries');
  });

  it('keeps the lines of a note or reason, as "\\n", without trailing spaces', () => {
    expect(cleanLines('eerste regel  \r\ntweede\u0000 regel\rderde\u2029vierde\u202E\n')).toBe(
      'eerste regel\ntweede regel\nderde\nvierde',
    );
  });

  it('cleans a Teams display name instead of refusing it, with a fallback and a length cap', () => {
    expect(cleanDisplayName('Ahmed\u202E El\u200B Amrani\u0000', 'x')).toBe('Ahmed El Amrani');
    expect(cleanDisplayName('\u200B\u202E', '29:abc')).toBe('29:abc');
    expect(cleanDisplayName(undefined, '29:abc')).toBe('29:abc');
    expect(cleanDisplayName('a'.repeat(500), 'x')).toBe(`${'a'.repeat(99)}…`);
  });
});

describe('cleaning a line of printable ASCII (a command, most names)', () => {
  it('gives what every pass gives, for text with and without other characters', () => {
    const pieces = [...'ab Z9  .-~\t\n\r\u0085é', ...ONE_OF_EACH_HIDDEN, 'e\u0301', 'status LEK-2026-0004'];
    const random = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 12); n > 0; n--)
        text +=
          random() < 0.7 ? pieces[Math.floor(random() * 9)] : pieces[Math.floor(random() * pieces.length)];
      expect(cleanLine(text), JSON.stringify(text)).toBe(cleanLineEveryPass(text));
    }
  });
});

describe('the inputs clean before they check', () => {
  const household = {
    name: 'J. de\u200B Vries\u202E',
    street: 'Duka\u0000tenburg',
    houseNumber: 12,
    postcode: '3437ab',
    city: 'Nieuw\uFEFFegein',
    phone: '+31 6 1234 5678',
  };

  it('stores the household cleaned, the postcode as "3437 AB" and the phone as "06-12345678"', () => {
    expect(parseInput(householdInput, household)).toMatchObject({
      name: 'J. de Vries',
      street: 'Dukatenburg',
      postcode: '3437 AB',
      city: 'Nieuwegein',
      phone: '06-12345678',
    });
  });

  it('refuses a name that is only invisible characters, and one too long once cleaned', () => {
    const refusal = (name: string) => {
      try {
        parseInput(householdInput, { ...household, name });
      } catch (error) {
        return (error as InvalidInput).fieldErrors.name;
      }
      return undefined;
    };
    expect(refusal('\u200B\u202E\u0000')).toMatchObject({ code: 'required' });
    expect(refusal('a'.repeat(121))).toEqual({ code: 'too_long', params: { field: 'name', max: 120 } });
    expect(refusal(`${'a'.repeat(120)}\u200B\u200B`)).toBeUndefined(); // the hidden ones do not count
  });

  it('keeps the lines of a note and a postpone reason, and removes the rest', () => {
    expect(parseInput(noteInput, { text: 'regel 1\u202E\nregel 2\u0000' }).text).toBe('regel 1\nregel 2');
    expect(parseInput(postponeInput, { until: '2026-04-01', reason: 'a\u200B\r\nb' }).reason).toBe('a\nb');
  });
});

describe('postcodes and phone numbers as people write them', () => {
  it.each([
    ['3437ab', '3437 AB'],
    ['3437 AB', '3437 AB'],
    ['3437 aB', '3437 AB'],
    ['0123 AB', '0123 AB'], // not a postcode: left for the schema to refuse
  ])('postcode %j → %j', (given, shown) => {
    expect(normalisePostcode(given)).toBe(shown);
  });

  it.each([
    ['0612345678', '06-12345678'],
    ['06 1234 5678', '06-12345678'],
    ['06-12345678', '06-12345678'],
    ['+31612345678', '06-12345678'],
    ['+31 6 12345678', '06-12345678'],
    ['0031 6 12345678', '06-12345678'],
    ['0301234567', '030-1234567'],
    ['030 123 45 67', '030-1234567'],
    ['(030) 123 4567', '030-1234567'],
    ['0201234567', '020-1234567'],
    ['0348123456', '0348-123456'],
    ['0881234567', '088-1234567'],
    ['0800 1234', '0800 1234'], // a service number: as given
    ['+32 2 123 45 67', '+32 2 123 45 67'], // a Belgian number: as given
    ['06-1234', '06-1234'],
  ])('phone %j → %j', (given, shown) => {
    expect(normalisePhone(given)).toBe(shown);
  });
});
