import { describe, expect, it } from 'vitest';
import { agentsForServiceLevel, erlangC, type ErlangCInput } from './erlang-c.js';
import { simulateRouting, simulationInputProblems } from './simulate.js';

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

// The tolerance: service level within 2 points of Erlang C and ASA within 10 %, for a
// simulation through the engine and the in-memory store (one transaction per event).
//
// The row is chosen so that the tolerance is a real test, not luck. The ASA of a simulation is a
// mean of strongly correlated waits, so its error shrinks slowly: over 40 seeds of an FCFS M/M/N
// recursion, the standard deviation of the ASA estimate for this row at 45 000 conversations is
// about 3 % and that of the service level 0.4 points, so a correct core passes with about 3
// standard deviations to spare on ASA and 5 on SL. A loaded queue (ρ = 0.8, 10 advisors) would
// need about 200 000 conversations for the same margin, too slow for a unit test;
// `npm run bench:routing` runs such rows. The seed is fixed, so the run is reproducible; it
// still fails when routing leaves an advisor idle while a conversation waits, serves out of
// order or miscounts, and the tolerance tells a 10 % error in the load apart (checked below).
const ROW: ErlangCInput = { arrivalRate: 1 / 300, handleTimeSec: 300, agents: 2, targetSec: 20 };
const CONVERSATIONS = 45_000;

describe('routing engine simulation against Erlang C', () => {
  it('A = 1 erlang, 2 advisors, h = 300 s, T = 20 s: SL within 2 points, ASA within 10 %', async () => {
    const arrivalsPerHour = ROW.arrivalRate * 3600;
    const hours = CONVERSATIONS / arrivalsPerHour;
    // At ρ = 0.5 the queue forgets its empty start within a few dozen conversations.
    const simulated = await simulateRouting({
      agents: ROW.agents,
      arrivalsPerHour,
      ahtSeconds: ROW.handleTimeSec,
      slaSeconds: ROW.targetSec,
      hours,
      warmUpHours: hours / 50,
      seed: 1,
    });
    const expected = erlangC(ROW);
    expect(simulated.offered).toBeGreaterThan(CONVERSATIONS * 0.97);
    expect(simulated.answered).toBe(simulated.offered);
    expect(Math.abs(simulated.serviceLevel - expected.serviceLevel)).toBeLessThan(0.02);
    expect(Math.abs(simulated.probabilityOfWaiting - expected.probabilityOfWaiting)).toBeLessThan(0.02);
    expect(Math.abs(simulated.asaSeconds / expected.averageSpeedOfAnswerSec - 1)).toBeLessThan(0.1);
    expect(Math.abs(simulated.occupancy - expected.occupancy)).toBeLessThan(0.02);
    // The same tolerance would catch a load off by 10 %: Erlang C itself moves more than that.
    const heavier = erlangC({ ...ROW, arrivalRate: ROW.arrivalRate * 1.1 });
    expect(Math.abs(heavier.averageSpeedOfAnswerSec / expected.averageSpeedOfAnswerSec - 1)).toBeGreaterThan(0.1);
  });
});

describe('routing engine simulation', () => {
  const base = { agents: 8, arrivalsPerHour: 70, ahtSeconds: 300, slaSeconds: 20, hours: 40, seed: 7 };

  it('counts abandonment with a patience, and the service level counts abandons as missed', async () => {
    const r = await simulateRouting({ ...base, patienceSeconds: 30 });
    expect(r.abandoned).toBeGreaterThan(0);
    expect(r.answered + r.abandoned).toBe(r.offered);
    expect(r.abandonmentRate).toBeCloseTo(r.abandoned / r.offered, 10);
    expect(r.serviceLevel).toBeLessThanOrEqual(r.answered / r.offered);
    const patient = await simulateRouting(base);
    expect(patient.abandoned).toBe(0);
    expect(patient.abandonmentRate).toBe(0);
  });

  it('is reproducible for a seed, and both strategies see the same arrivals', async () => {
    const a = await simulateRouting({ ...base, skills: 4 });
    expect(await simulateRouting({ ...base, skills: 4 })).toMatchObject({ offered: a.offered, serviceLevel: a.serviceLevel, asaSeconds: a.asaSeconds });
    const rr = await simulateRouting({ ...base, skills: 4, strategy: 'round-robin' });
    expect(rr.offered).toBe(a.offered);
    // Skills routing only gives a conversation to an advisor who holds the skill, and prefers the most proficient.
    expect(a.qualifiedShare).toBe(1);
    expect(rr.qualifiedShare).toBeLessThan(0.75);
    expect(a.meanProficiency).toBeGreaterThan(rr.meanProficiency + 1);
  });

  it('refuses impossible inputs with the field at fault', async () => {
    expect(simulationInputProblems({ ...base, agents: 0 })).toEqual([{ field: 'agents', message: 'must be a whole number from 1 to 10000' }]);
    expect(simulationInputProblems({ ...base, arrivalsPerHour: Number.NaN, ahtSeconds: -1 }).map((p) => p.field)).toEqual(['arrivalsPerHour', 'ahtSeconds']);
    expect(simulationInputProblems({ ...base, skills: 9 }).map((p) => p.field)).toEqual(['skills']);
    expect(simulationInputProblems({ ...base, arrivalsPerHour: 1e6, hours: 1e3 }).map((p) => p.field)).toEqual(['hours']);
    await expect(simulateRouting({ ...base, hours: 0 })).rejects.toThrow(/hours must be a number above 0/);
  });
});
