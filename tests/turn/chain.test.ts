import { describe, expect, it } from 'vitest';
import { compose, type Middleware } from '../../bot/turn/chain.js';

type Trace = string[];

const step =
  (name: string): Middleware<Trace> =>
  async (trace, next) => {
    trace.push(`${name} in`);
    await next();
    trace.push(`${name} out`);
  };

describe('the turn chain', () => {
  it('runs the steps in the order of the list, each around the ones after it', async () => {
    const trace: Trace = [];
    await compose([step('a'), step('b'), step('c')])(trace);
    expect(trace).toEqual(['a in', 'b in', 'c in', 'c out', 'b out', 'a out']);
  });

  it('stops at a step that does not go on', async () => {
    const trace: Trace = [];
    const answer: Middleware<Trace> = async (t) => {
      t.push('answered');
    };
    await compose([step('a'), answer, step('never')])(trace);
    expect(trace).toEqual(['a in', 'answered', 'a out']);
  });

  it('lets an error of a later step reach the earlier ones', async () => {
    const caught: unknown[] = [];
    const guard: Middleware<Trace> = async (_t, next) => {
      try {
        await next();
      } catch (error) {
        caught.push(error);
      }
    };
    const fail: Middleware<Trace> = async () => {
      throw new Error('boom');
    };
    await compose([guard, fail])([]);
    expect(caught).toEqual([new Error('boom')]);
  });

  it('refuses a step that goes on twice, so nothing after it runs twice', async () => {
    const trace: Trace = [];
    const twice: Middleware<Trace> = async (_t, next) => {
      await next();
      await next();
    };
    await expect(compose([twice, step('b')])(trace)).rejects.toThrow('called next() twice');
    expect(trace).toEqual(['b in', 'b out']);
  });

  it('runs an empty chain without doing anything', async () => {
    const trace: Trace = [];
    await compose<Trace>([])(trace);
    expect(trace).toEqual([]);
  });
});
