import { z } from 'zod';

// A bot definition is plain JSON (or YAML converted to JSON by the caller): it is what an admin
// exports, versions and imports, so every field is data and nothing is code.

/** Text per language code ("fr", "en"); the interpreter falls back to the bot's default language. */
export const localizedSchema = z.record(z.string().min(2).max(15), z.string().max(2000));
export type Localized = z.infer<typeof localizedSchema>;

const stepId = z.string().min(1).max(64);
const base = { id: stepId, next: stepId.optional() };

const option = z.object({ id: z.string().min(1).max(64), label: localizedSchema, next: stepId.optional(), value: z.string().max(200).optional() });

/** The kinds of entity a question can collect: built-in NLU entities, a bot regex, or free text. */
export const slotEntitySchema = z.union([
  z.enum(['text', 'number', 'email', 'phone', 'datetime', 'reference', 'amount']),
  z.string().regex(/^regex:[a-z0-9_]+$/i),
]);

export const stepSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('message'), variants: z.array(localizedSchema).min(1).max(10) }),
  z.object({
    ...base,
    type: z.literal('question'),
    slot: z.string().min(1).max(64),
    entity: slotEntitySchema,
    /** Extra check on the extracted value (a regular expression on the normalized value). */
    validate: z.string().max(500).optional(),
    prompt: localizedSchema,
    reprompt: localizedSchema,
    maxTries: z.number().int().min(1).max(10).default(3),
    /** Where to go when the tries are exhausted (default: a handoff). */
    onFail: stepId.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('choice'),
    slot: z.string().min(1).max(64),
    prompt: localizedSchema,
    display: z.enum(['buttons', 'quick_replies', 'cards']).default('buttons'),
    options: z.array(option).min(1).max(10),
  }),
  z.object({
    ...base,
    type: z.literal('condition'),
    attribute: z.string().min(1).max(128),
    equals: z.string().max(500).optional(),
    then: stepId,
    else: stepId,
  }),
  z.object({ ...base, type: z.literal('set'), attribute: z.string().min(1).max(128), value: z.string().max(2000) }),
  z.object({
    ...base,
    type: z.literal('http'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    /** Absolute URL, or a path starting with "/" for this server's own routes (the demo back-office). */
    url: z.string().min(1).max(2000),
    /** Header values may name a secret as `{{secrets.NAME}}`; it is resolved only when the call is made. */
    headers: z.record(z.string(), z.string().max(2000)).default({}),
    body: z.string().max(20_000).optional(),
    /**
     * Attribute name → dotted path in the JSON response ("order.status"). A path is required unless
     * it ends with "?" ("order.carrier?"): a response without a required value takes `onError`.
     */
    responseMap: z.record(z.string(), z.string().max(200)).default({}),
    timeoutMs: z.number().int().min(100).max(30_000).default(5000),
    onError: stepId.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('handoff'),
    queueId: z.string().max(64).optional(),
    skill: z.string().max(64).optional(),
    reason: z.string().min(1).max(200),
    message: localizedSchema.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('otp'),
    /** Where the code may go, in order of preference: the customer's verified phone (SMS) or email. */
    via: z
      .array(z.enum(['sms', 'email']))
      .min(1)
      .max(2)
      .default(['sms', 'email']),
    /** The workspace channel that sends it; default: the first channel of the kind (SMS or email). */
    channelId: z.string().max(64).optional(),
    digits: z.number().int().min(4).max(8).default(6),
    ttlSeconds: z.number().int().min(60).max(1800).default(300),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    maxResends: z.number().int().min(0).max(5).default(1),
    /** The attribute set on success: `{ at, via }`. */
    attribute: z.string().min(1).max(128).default('verified'),
    /** Where to go when the code cannot be sent or the tries are exhausted (default: a handoff). */
    onFail: stepId.optional(),
  }),
  /** Ends the scenario; with `csat`, asks the customer's satisfaction (3 levels) first. */
  z.object({ ...base, type: z.literal('end'), message: localizedSchema.optional(), csat: z.boolean().default(false) }),
]);
export type BotStep = z.infer<typeof stepSchema>;

export const scenarioSchema = z.object({
  id: z.string().min(1).max(64),
  /** The intent that starts it. */
  intent: z.string().min(1).max(64),
  steps: z.array(stepSchema).min(1).max(100),
});
export type BotScenario = z.infer<typeof scenarioSchema>;

export const botDefinitionSchema = z.object({
  format: z.literal('parley-bot/1').default('parley-bot/1'),
  name: z.string().min(1).max(100),
  languages: z.array(z.string().min(2).max(15)).min(1).max(10).default(['fr', 'en']),
  defaultLanguage: z.string().min(2).max(15).default('fr'),
  persona: z
    .object({
      name: z.string().min(1).max(60),
      tone: z.enum(['vous', 'tu']).default('vous'),
      /** `simple`: shorter, plainer built-in sentences (for seniors, or a public less at ease in writing). */
      audience: z.enum(['standard', 'simple']).default('standard'),
      /** Greets a known customer back with the date of their previous conversation. */
      welcomeBack: z.boolean().default(true),
      /** Said once at the start: the bot says it is a bot. `{{firstName}}` greets by first name when known. */
      introduction: localizedSchema,
    })
    .strict(),
  thresholds: z
    .object({ intent: z.number().min(0).max(1).default(0.55), answer: z.number().min(0).max(1).default(0.5) })
    .default({ intent: 0.55, answer: 0.5 }),
  intents: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        label: localizedSchema.optional(),
        phrases: z.record(z.string(), z.array(z.string().min(1).max(500)).max(500)),
      }),
    )
    .max(200)
    .default([]),
  /** Fixed answers to intents without a scenario. */
  answers: z
    .array(z.object({ intent: z.string().min(1).max(64), text: localizedSchema }))
    .max(200)
    .default([]),
  scenarios: z.array(scenarioSchema).max(100).default([]),
  entities: z
    .object({
      regexes: z
        .array(z.object({ name: z.string().regex(/^[a-z0-9_]+$/i), pattern: z.string().min(1).max(500), flags: z.string().max(5).optional() }))
        .max(50)
        .default([]),
    })
    .default({ regexes: [] }),
});
export type BotDefinition = z.infer<typeof botDefinitionSchema>;
/** What an import accepts: defaults filled in by the schema. */
export type BotDefinitionInput = z.input<typeof botDefinitionSchema>;

/**
 * Validates a definition and checks the references the schema cannot (step ids, scenario intents).
 * Returns the issues as readable strings instead of throwing, for the import API (422).
 *
 * @example
 * const parsed = parseBotDefinition(JSON.parse(text));
 * if (!parsed.ok) console.log(parsed.issues);
 */
export function parseBotDefinition(input: unknown): { ok: true; definition: BotDefinition } | { ok: false; issues: string[] } {
  const result = botDefinitionSchema.safeParse(input);
  if (!result.success) return { ok: false, issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const definition = result.data;
  const issues: string[] = [];
  const intents = new Set(definition.intents.map((i) => i.id));
  for (const scenario of definition.scenarios) {
    if (!intents.has(scenario.intent)) issues.push(`scenarios.${scenario.id}: unknown intent ${scenario.intent}`);
    const ids = new Set(scenario.steps.map((s) => s.id));
    if (ids.size !== scenario.steps.length) issues.push(`scenarios.${scenario.id}: duplicate step ids`);
    for (const step of scenario.steps) {
      for (const target of stepTargets(step)) if (!ids.has(target)) issues.push(`scenarios.${scenario.id}.${step.id}: unknown step ${target}`);
    }
    for (const cycle of silentCycles(scenario))
      issues.push(
        `scenarios.${scenario.id}: steps ${[...cycle, cycle[0]].join(' → ')} form a loop where the bot never waits for the customer (add a question, choice or otp step to it, or an exit)`,
      );
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition };
}

// Steps after which the scenario waits for the customer's next message: a question (which asks
// again when a loop comes back to it, see the scenario runner), a choice, a one-time code. A
// loop through one of them waits once per lap; any other loop would run until the runner's bound.
const WAITS_FOR_CUSTOMER: ReadonlySet<BotStep['type']> = new Set(['question', 'choice', 'otp']);

/** Where the runner goes after a step that does not wait (handoff and end stop the scenario). */
function runtimeTargets(step: BotStep): string[] {
  switch (step.type) {
    case 'message':
    case 'set':
      return step.next ? [step.next] : [];
    case 'condition':
      return [step.then, step.else];
    case 'http':
      return [step.next, step.onError].filter((t): t is string => t !== undefined);
    default:
      return [];
  }
}

/**
 * The loops of a scenario in which no step waits for the customer, each as the step ids of one
 * cycle in run order, from its first step in the definition (one cycle per strongly connected
 * group of steps, found with Tarjan's algorithm on the steps that do not wait), in definition order.
 *
 * @example
 * silentCycles({ id: 's', intent: 'i', steps: [{ id: 'a', type: 'set', attribute: 'x', value: '1', next: 'a' }] }) // [['a']]
 */
export function silentCycles(scenario: BotScenario): string[][] {
  const edges = new Map<string, string[]>();
  for (const step of scenario.steps) if (!WAITS_FOR_CUSTOMER.has(step.type) && !edges.has(step.id)) edges.set(step.id, []);
  for (const step of scenario.steps) {
    const out = edges.get(step.id);
    if (out && out.length === 0) out.push(...runtimeTargets(step).filter((t) => edges.has(t)));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id) ?? 0);
    stack.push(id);
    onStack.add(id);
    for (const next of edges.get(id) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(id) !== index.get(id)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === id) break;
    }
    if (group.length > 1 || (edges.get(id) ?? []).includes(id)) groups.push(group);
  };
  for (const id of edges.keys()) if (!index.has(id)) visit(id);
  const order = [...edges.keys()];
  return groups.map((group) => cycleWithin(group, edges)).sort((a, b) => order.indexOf(a[0] ?? '') - order.indexOf(b[0] ?? ''));
}

/** One cycle through the first step (in definition order) of a strongly connected group. */
function cycleWithin(group: string[], edges: ReadonlyMap<string, string[]>): string[] {
  const members = new Set(group);
  const start = [...edges.keys()].find((id) => members.has(id)) ?? group[0] ?? '';
  // Breadth-first from the start back to it, inside the group: the shortest loop, easy to read.
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] ?? '';
    for (const next of edges.get(id) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [id];
        for (let at = from.get(id); at !== undefined; at = from.get(at)) path.push(at);
        return path.reverse();
      }
      if (!from.has(next)) {
        from.set(next, id);
        queue.push(next);
      }
    }
  }
  return [start];
}

function stepTargets(step: BotStep): string[] {
  const out = step.next ? [step.next] : [];
  if (step.type === 'condition') out.push(step.then, step.else);
  if ((step.type === 'question' || step.type === 'otp') && step.onFail) out.push(step.onFail);
  if (step.type === 'http' && step.onError) out.push(step.onError);
  if (step.type === 'choice') for (const o of step.options) if (o.next) out.push(o.next);
  return out;
}
