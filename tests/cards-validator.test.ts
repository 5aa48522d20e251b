import { describe, expect, it } from 'vitest';
import { validateCard } from './helpers/validate-card.js';

const base = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
};

describe('the card validator', () => {
  it('accepts a small valid card', () => {
    expect(
      validateCard({
        ...base,
        body: [{ type: 'TextBlock', text: 'Hallo', wrap: true }],
        actions: [
          { type: 'Action.Execute', title: 'Mijn taken', verb: 'tasks.show', data: { verb: 'tasks.show' } },
        ],
      }),
    ).toEqual([]);
  });

  it('rejects an element type that does not exist', () => {
    const errors = validateCard({ ...base, body: [{ type: 'TextBox', text: 'Hallo' }] });
    expect(errors.some((e) => e.startsWith('UnknownElementType'))).toBe(true);
  });

  it('rejects an input without an id', () => {
    const errors = validateCard({ ...base, body: [{ type: 'Input.Text', label: 'Naam' }] });
    expect(errors.some((e) => e.startsWith('PropertyCantBeNull'))).toBe(true);
  });

  it('rejects a text block without text and an Action.Execute without a verb', () => {
    const errors = validateCard({
      ...base,
      body: [{ type: 'TextBlock' }],
      actions: [{ type: 'Action.Execute', title: 'Opslaan', data: {} }],
    });
    expect(errors).toContain('PropertyCantBeNull: TextBlock.text at $.body[0]');
    expect(errors).toContain('PropertyCantBeNull: Action.Execute.verb at $.actions[0]');
  });

  it('rejects a fact without a value', () => {
    const errors = validateCard({ ...base, body: [{ type: 'FactSet', facts: [{ title: 'Stap' }] }] });
    expect(errors).toContain('PropertyCantBeNull: fact value at $.body[0].facts[0]');
  });

  it('rejects version 1.6, which Teams does not render', () => {
    expect(validateCard({ ...base, version: '1.6', body: [] })).toContain('Version: 1.6 is above 1.5');
  });

  it('rejects an invalid property value the SDK reports while parsing', () => {
    const errors = validateCard({ ...base, body: [{ type: 'TextBlock', text: 'x', color: 'red' }] });
    expect(errors.some((e) => e.startsWith('InvalidPropertyValue'))).toBe(true);
  });

  it('rejects duplicate input ids', () => {
    const errors = validateCard({
      ...base,
      body: [
        { type: 'Input.Text', id: 'name' },
        { type: 'Input.Text', id: 'name' },
      ],
    });
    expect(errors.some((e) => e.startsWith('DuplicateId'))).toBe(true);
  });

  it('rejects a card over 80 KB', () => {
    const body = Array.from({ length: 900 }, (_, i) => ({
      type: 'TextBlock',
      text: `${i} ${'x'.repeat(100)}`,
    }));
    expect(validateCard({ ...base, body }).some((e) => e.startsWith('Size'))).toBe(true);
  });

  it('does not mistake the action data for card structure', () => {
    const errors = validateCard({
      ...base,
      body: [],
      actions: [
        { type: 'Action.Execute', title: 'x', verb: 'case.show', data: { verb: 'case.show', type: 'x' } },
      ],
    });
    expect(errors).toEqual([]);
  });
});
