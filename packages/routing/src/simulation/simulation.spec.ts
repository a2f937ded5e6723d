import { describe, expect, it } from 'vitest';
import { agentsForServiceLevel, erlangC } from './erlang-c.js';
import { simulateQueue, type SimulationResult } from './simulate.js';

// "As stated": the simulated probability of waiting and service level are within 0.03
// (absolute) of Erlang C, and the simulated ASA within 15 %, for the mean of 3 independent
// replications (seeds 1–3) of 30,000 conversations each after a 10 % warm-up.
const CONFIGS = [
  { arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20 },
  { arrivalRate: 3 / 180, handleTimeSec: 180, agents: 5, targetSec: 30 },
  { arrivalRate: 15 / 240, handleTimeSec: 240, agents: 18, targetSec: 15 },
];

function replicate(config: (typeof CONFIGS)[number]): Pick<SimulationResult, 'probabilityOfWaiting' | 'averageSpeedOfAnswerSec' | 'serviceLevel'> {
  const runs = [1, 2, 3].map((seed) => simulateQueue({ ...config, conversations: 30_000, seed }));
  const mean = (f: (r: SimulationResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
  return {
    probabilityOfWaiting: mean((r) => r.probabilityOfWaiting),
    averageSpeedOfAnswerSec: mean((r) => r.averageSpeedOfAnswerSec),
    serviceLevel: mean((r) => r.serviceLevel),
  };
}

describe('Erlang C', () => {
  it('matches textbook values', () => {
    // A = 8 erlangs on 10 advisors: Pw ≈ 0.409, ASA ≈ 61.4 s for h = 300 s, SL(20 s) ≈ 0.642.
    const r = erlangC({ arrivalRate: 8 / 300, handleTimeSec: 300, agents: 10, targetSec: 20 });
    expect(r.probabilityOfWaiting).toBeCloseTo(0.4092, 3);
    expect(r.averageSpeedOfAnswerSec).toBeCloseTo(61.38, 1);
    expect(r.serviceLevel).toBeCloseTo(0.6419, 3);
    expect(erlangC({ arrivalRate: 1, handleTimeSec: 10, agents: 10, targetSec: 20 }).averageSpeedOfAnswerSec).toBe(Number.POSITIVE_INFINITY);
    expect(agentsForServiceLevel({ arrivalRate: 8 / 300, handleTimeSec: 300, targetSec: 20 }, 0.8)).toBe(12);
  });
});

describe('routing core simulation against Erlang C', () => {
  for (const config of CONFIGS) {
    const a = config.arrivalRate * config.handleTimeSec;
    it(`A = ${a.toFixed(1)} erlangs, ${config.agents} advisors, h = ${config.handleTimeSec} s`, () => {
      const expected = erlangC(config);
      const simulated = replicate(config);
      expect(Math.abs(simulated.probabilityOfWaiting - expected.probabilityOfWaiting)).toBeLessThan(0.03);
      expect(Math.abs(simulated.serviceLevel - expected.serviceLevel)).toBeLessThan(0.03);
      expect(Math.abs(simulated.averageSpeedOfAnswerSec - expected.averageSpeedOfAnswerSec) / expected.averageSpeedOfAnswerSec).toBeLessThan(0.15);
    });
  }
});
