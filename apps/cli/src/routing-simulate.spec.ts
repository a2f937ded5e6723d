import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { RoutingSimulateJson } from './routing-simulate.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const BASE = ['routing', 'simulate', '--agents', '6', '--arrivals-per-hour', '50', '--aht-seconds', '300', '--sla-seconds', '20', '--hours', '40'];

describe('parley routing simulate', () => {
  it('prints one JSON object with the figures of the issue, Erlang C beside them for one skill', async () => {
    const r = await run([...BASE, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as RoutingSimulateJson;
    for (const key of ['serviceLevel', 'asaSeconds', 'occupancy', 'abandonmentRate', 'probabilityOfWaiting'] as const) {
      expect(json[key]).toBeGreaterThanOrEqual(0);
      expect(json[key]).toBeLessThanOrEqual(key === 'asaSeconds' ? 3600 : 1);
    }
    expect(json.offered).toBeGreaterThan(1_500);
    expect(json.answered).toBe(json.offered);
    expect(json.abandonmentRate).toBe(0);
    expect(json.input).toMatchObject({ agents: 6, strategy: 'skills', skills: 1, patienceSeconds: null, seed: 42, warmUpHours: 4 });
    // 4.17 erlangs on 6 advisors; 2 000 conversations are too few for the tolerance of the
    // benchmark, so this only checks that the simulation lands in Erlang C's neighbourhood.
    expect(json.erlangC?.occupancy).toBeCloseTo(0.6944, 3);
    expect(Math.abs(json.occupancy - (json.erlangC?.occupancy ?? 0))).toBeLessThan(0.05);
    expect(Math.abs(json.serviceLevel - (json.erlangC?.serviceLevel ?? 0))).toBeLessThan(0.1);
    // The same seed gives the same figures.
    expect(JSON.parse((await run([...BASE, '--json'])).out)).toMatchObject({ serviceLevel: json.serviceLevel, asaSeconds: json.asaSeconds });
  });

  it('prints a readable report, with abandonment when patience is set', async () => {
    const r = await run([...BASE, '--patience-seconds', '60', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service level\s+\d+\.\d % within 20 s/);
    expect(r.out).toMatch(/ASA\s+\d+\.\d s/);
    expect(r.out).toMatch(/abandonment\s+\d+\.\d %/);
    expect(r.out).toMatch(/occupancy\s+\d+\.\d %/);
    // Erlang C assumes nobody abandons: not shown then.
    expect(r.out).not.toContain('Erlang C');
    const json = JSON.parse((await run([...BASE, '--patience-seconds', '60', '--seed', '3', '--json'])).out) as RoutingSimulateJson;
    expect(json.abandoned).toBeGreaterThan(0);
    expect(json.answered + json.abandoned).toBe(json.offered);
    expect(json.erlangC).toBeNull();
  });

  it('compares strategies on several skills through the same engine', async () => {
    const flags = [...BASE, '--skills', '3', '--json'];
    const skills = JSON.parse((await run(flags)).out) as RoutingSimulateJson;
    const roundRobin = JSON.parse((await run([...flags, '--strategy', 'round-robin'])).out) as RoutingSimulateJson;
    expect(roundRobin.offered).toBe(skills.offered);
    expect(skills.qualifiedShare).toBe(1);
    expect(roundRobin.qualifiedShare).toBeLessThan(0.8);
    expect(skills.meanProficiency).toBeGreaterThan(roundRobin.meanProficiency);
  });

  it('refuses bad input with a clear message and exit code 2, never a stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--agents', 'ten'], /--agents needs a number, got "ten"/],
      [['--agents', '0'], /--agents must be a whole number from 1/],
      [['--agents', '-4'], /--agents must be a whole number from 1/],
      [['--agents', '2.5'], /--agents must be a whole number/],
      [['--arrivals-per-hour', '-1'], /--arrivals-per-hour must be a number above 0/],
      [['--aht-seconds', '0x10'], /--aht-seconds needs a number, got "0x10"/],
      [['--hours', 'Infinity'], /--hours needs a number/],
      [['--sla-seconds', '-5'], /--sla-seconds must be a number of at least 0/],
      [['--patience-seconds', '0'], /--patience-seconds must be a number above 0/],
      [['--strategy', 'random'], /--strategy must be skills or round-robin/],
      [['--skills', '7'], /--skills cannot outnumber the advisors/],
      [['--arrivals-per-hour', '1e9'], /--hours gives about .* conversations/],
      [['--agent', '3'], /Unknown option --agent/],
    ];
    for (const [override, message] of cases) {
      const argv = [...BASE];
      const at = argv.indexOf(override[0] as string);
      if (at >= 0) argv.splice(at, 2, ...override);
      else argv.push(...override);
      const r = await run(argv);
      expect(r.code, override.join(' ')).toBe(2);
      expect(r.err, override.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const missing = await run(['routing', 'simulate', '--agents', '3']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Missing --arrivals-per-hour, --aht-seconds, --sla-seconds, --hours/);
    expect((await run(['routing', 'nope'])).code).toBe(2);
  });

  it('is listed in the help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('routing simulate');
  });
});
