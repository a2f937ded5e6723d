import { erlangC, SIMULATION_STRATEGIES, simulateRouting, simulationInputProblems, type SimulationInput, type SimulationStrategy } from '@parley/routing';
import type { ParsedArgs } from './args.js';
import { UsageError } from './nlu-eval.js';

export const ROUTING_SIMULATE_USAGE = `Usage: parley routing simulate --agents N --arrivals-per-hour λ --aht-seconds S --sla-seconds T --hours H
                               [--strategy skills|round-robin] [--skills K] [--patience-seconds P]
                               [--warm-up-hours W] [--seed N] [--json]

Runs a discrete-event simulation through Parley's routing engine (the same route() and engine
functions as the server, on the in-memory store with a virtual clock): Poisson arrivals at λ per
hour, exponential handle times of mean S seconds, N advisors taking one conversation at a time.
Prints the service level (answered within T seconds, abandons count as missed), the average speed
of answer, the abandonment rate with --patience-seconds (exponential patience of mean P), and the
occupancy; with one skill and no patience, also Erlang C's figures for the same load.

  --strategy  skills (default): one queue per skill, the most proficient free advisor first;
              round-robin: skills ignored, the advisor assigned longest ago first
  --skills    K skills (default 1); a conversation asks for one at random; advisor i holds
              skill i mod K at level 5, 4 or 3 and, with K > 1, skill i+1 mod K at level 2
  --warm-up-hours  simulated before measuring (default H/10)
  --seed      random seed (default 42); the same seed gives the same figures`;

/** Output of `--json`. */
export interface RoutingSimulateJson {
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  abandonmentRate: number;
  probabilityOfWaiting: number;
  offered: number;
  answered: number;
  abandoned: number;
  meanProficiency: number;
  qualifiedShare: number;
  offeredLoadErlangs: number;
  /** Erlang C for the same load (one skill, no abandonment), else null. */
  erlangC: { serviceLevel: number; asaSeconds: number | null; probabilityOfWaiting: number; occupancy: number } | null;
  decisions: number;
  engineMs: number;
  input: Required<Omit<SimulationInput, 'patienceSeconds'>> & { patienceSeconds: number | null };
}

const FLAGS: Record<string, keyof SimulationInput | 'json'> = {
  agents: 'agents',
  'arrivals-per-hour': 'arrivalsPerHour',
  'aht-seconds': 'ahtSeconds',
  'sla-seconds': 'slaSeconds',
  hours: 'hours',
  'warm-up-hours': 'warmUpHours',
  strategy: 'strategy',
  skills: 'skills',
  'patience-seconds': 'patienceSeconds',
  seed: 'seed',
  json: 'json',
};
const REQUIRED = ['agents', 'arrivals-per-hour', 'aht-seconds', 'sla-seconds', 'hours'];
const flagOf = (field: keyof SimulationInput): string => `--${Object.keys(FLAGS).find((f) => FLAGS[f] === field) ?? field}`;

// A plain decimal number; Number() alone would also take "", "0x10" and "Infinity".
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Reads a numeric flag; a missing or non-numeric value is noted in `problems` (and read as NaN). */
function numberFlag(args: ParsedArgs, flag: string, problems: string[]): number | undefined {
  const raw = args.flags.get(flag);
  if (raw === undefined) return undefined;
  if (raw === true || !NUMBER.test(raw.trim())) {
    problems.push(raw === true ? `--${flag} needs a number` : `--${flag} needs a number, got "${raw}"`);
    return Number.NaN;
  }
  return Number(raw);
}

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * `parley routing simulate`: validates the flags, runs {@link simulateRouting} and prints the
 * figures (or one JSON object).
 *
 * @example
 * await runRoutingSimulate(parseArgs(['--agents', '10', '--arrivals-per-hour', '96', '--aht-seconds', '300', '--sla-seconds', '20', '--hours', '8']), console.log, console.error);
 */
export async function runRoutingSimulate(args: ParsedArgs, out: (s: string) => void, warn: (s: string) => void): Promise<void> {
  const unknown = [...args.flags.keys()].filter((f) => !(f in FLAGS));
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.map((f) => `--${f}`).join(', ')}\n\n${ROUTING_SIMULATE_USAGE}`);
  const missing = REQUIRED.filter((f) => !args.flags.has(f));
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((f) => `--${f}`).join(', ')}\n\n${ROUTING_SIMULATE_USAGE}`);
  const problems: string[] = [];
  const strategy = args.flags.get('strategy') ?? 'skills';
  if (strategy === true || !SIMULATION_STRATEGIES.includes(strategy as SimulationStrategy))
    problems.push(`--strategy must be ${SIMULATION_STRATEGIES.join(' or ')}`);
  const input: SimulationInput = {
    agents: numberFlag(args, 'agents', problems) as number,
    arrivalsPerHour: numberFlag(args, 'arrivals-per-hour', problems) as number,
    ahtSeconds: numberFlag(args, 'aht-seconds', problems) as number,
    slaSeconds: numberFlag(args, 'sla-seconds', problems) as number,
    hours: numberFlag(args, 'hours', problems) as number,
    strategy: strategy === 'round-robin' ? 'round-robin' : 'skills',
    skills: numberFlag(args, 'skills', problems) ?? 1,
    patienceSeconds: numberFlag(args, 'patience-seconds', problems) ?? null,
    seed: numberFlag(args, 'seed', problems) ?? 42,
  };
  const warmUpHours = numberFlag(args, 'warm-up-hours', problems);
  if (warmUpHours !== undefined) input.warmUpHours = warmUpHours;
  // A flag that is not a number was reported once already; the others get the rule they break.
  const unreadable = new Set(problems.map((p) => p.split(' ')[0]));
  for (const p of simulationInputProblems(input)) if (!unreadable.has(flagOf(p.field))) problems.push(`${flagOf(p.field)} ${p.message}`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const load = (input.arrivalsPerHour * input.ahtSeconds) / 3600;
  if (load >= input.agents && input.patienceSeconds === null)
    warn(
      `parley: the offered load (${load.toFixed(2)} erlangs) is not below the ${input.agents} advisors and nobody abandons: the queue grows for as long as it runs, so the figures depend on --hours`,
    );
  const result = await simulateRouting(input);
  const theory =
    input.skills === 1 && input.patienceSeconds === null
      ? erlangC({ arrivalRate: input.arrivalsPerHour / 3600, handleTimeSec: input.ahtSeconds, agents: input.agents, targetSec: input.slaSeconds })
      : null;
  const json: RoutingSimulateJson = {
    serviceLevel: r4(result.serviceLevel),
    asaSeconds: r4(result.asaSeconds),
    occupancy: r4(result.occupancy),
    abandonmentRate: r4(result.abandonmentRate),
    probabilityOfWaiting: r4(result.probabilityOfWaiting),
    offered: result.offered,
    answered: result.answered,
    abandoned: result.abandoned,
    meanProficiency: r4(result.meanProficiency),
    qualifiedShare: r4(result.qualifiedShare),
    offeredLoadErlangs: r4(load),
    erlangC: theory
      ? {
          serviceLevel: r4(theory.serviceLevel),
          // Infinite when the queue is unstable, which JSON cannot carry: null.
          asaSeconds: Number.isFinite(theory.averageSpeedOfAnswerSec) ? r4(theory.averageSpeedOfAnswerSec) : null,
          probabilityOfWaiting: r4(theory.probabilityOfWaiting),
          occupancy: r4(theory.occupancy),
        }
      : null,
    decisions: result.decisions,
    engineMs: Math.round(result.engineMs),
    input: {
      agents: input.agents,
      arrivalsPerHour: input.arrivalsPerHour,
      ahtSeconds: input.ahtSeconds,
      slaSeconds: input.slaSeconds,
      hours: input.hours,
      warmUpHours: input.warmUpHours ?? input.hours / 10,
      strategy: input.strategy ?? 'skills',
      skills: input.skills ?? 1,
      patienceSeconds: input.patienceSeconds ?? null,
      seed: input.seed ?? 42,
    },
  };
  if (args.flags.has('json')) {
    out(JSON.stringify(json));
    return;
  }
  out(format(json));
}

function format(j: RoutingSimulateJson): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;
  const sec = (v: number | null): string => (v === null ? '∞' : `${v.toFixed(1)} s`);
  const beside = (text: string, theory: string | null): string => (theory === null ? text : `${text.padEnd(42)}Erlang C ${theory}`);
  const e = j.erlangC;
  const i = j.input;
  return [
    `routing simulation: ${i.agents} advisors, ${i.arrivalsPerHour} arrivals/h, AHT ${i.ahtSeconds} s, SLA ${i.slaSeconds} s, ${i.hours} h measured after ${r4(i.warmUpHours)} h of warm-up`,
    `  strategy ${i.strategy}, ${i.skills} skill${i.skills === 1 ? '' : 's'}, ${i.patienceSeconds === null ? 'no abandonment' : `patience ${i.patienceSeconds} s (mean)`}, seed ${i.seed}, offered load ${j.offeredLoadErlangs} erlangs`,
    `offered        ${j.offered} conversations (answered ${j.answered}, abandoned ${j.abandoned})`,
    beside(`service level  ${pct(j.serviceLevel)} within ${i.slaSeconds} s`, e && pct(e.serviceLevel)),
    beside(`ASA            ${sec(j.asaSeconds)}`, e && sec(e.asaSeconds)),
    beside(`waited         ${pct(j.probabilityOfWaiting)} of answered`, e && pct(e.probabilityOfWaiting)),
    `abandonment    ${i.patienceSeconds === null ? 'none (no --patience-seconds)' : pct(j.abandonmentRate)}`,
    beside(`occupancy      ${pct(j.occupancy)}`, e && pct(e.occupancy)),
    `proficiency    ${j.meanProficiency.toFixed(2)} / 5 on average, ${pct(j.qualifiedShare)} answered by an advisor holding the skill`,
    ...(e ? ['(Erlang C is the long-run average: a few hours at a high load scatter widely around it; see docs/benchmarks.md)'] : []),
    `engine         ${j.decisions} transactions in ${j.engineMs} ms (route() and the engine on the in-memory store, virtual clock)`,
  ].join('\n');
}
