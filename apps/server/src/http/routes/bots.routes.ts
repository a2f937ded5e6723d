import { z } from 'zod';
import { AppError } from '@parley/kernel';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  botStateSchema,
  consoleOtpCode,
  definitionToYaml,
  parseDefinitionYaml,
  demoAddressChange,
  demoOrder,
  type BotVersionSummary,
  type DemoAddressChange,
  type StoredBot,
} from '@parley/bots';
import {
  attachBotToChannel,
  createBot,
  getBot,
  getBotStats,
  getBotVersion,
  importBotIntents,
  listBots,
  listBotVersions,
  publishBot,
  restoreBotVersion,
  runBotConsole,
  setBotSecrets,
  updateBot,
} from '@parley/use-cases';
import { principalOf } from '../auth.js';
import { errorSchema, idParams } from '../dto.js';
import type { ServerContext } from '../server-context.js';

// The definition is validated by the bots package (its own zod schema with cross-references);
// here it only has to be a JSON object, so an import reports every issue at once (422).
const definitionBody = z.record(z.string(), z.unknown()).describe('A parley-bot/1 definition (JSON; convert YAML before sending)');

const botDto = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  definition: z.record(z.string(), z.unknown()),
  secretNames: z.array(z.string()).describe('Names of the bot’s secrets (`{{secrets.NAME}}` in HTTP action headers and body); values are never returned'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const rate = z.number().min(0).max(1).nullable();
const csatCounts = z.object({ responses: z.number().int(), good: z.number().int(), neutral: z.number().int(), bad: z.number().int() });
const botStatsDto = z.object({
  botId: z.string(),
  conversations: z.number().int().describe('Conversations the bot answered at least once'),
  contained: z.number().int().describe('Of those, ended (bot end, resolved or closed) without a handoff'),
  handedOff: z.number().int(),
  turns: z.number().int().describe('Customer messages the bot answered'),
  fallbackTurns: z.number().int().describe('Turns that fell back to the knowledge base, top choices, rephrase or offering a human'),
  outcomes: z.record(z.string(), z.number().int()),
  containmentRate: rate,
  handoffRate: rate,
  fallbackRate: rate,
  channels: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  csat: csatCounts
    .extend({ byScenario: z.record(z.string(), csatCounts) })
    .describe('Satisfaction answers about the bot (end steps with csat, and web chat ratings it last answered), in total and per scenario'),
});

const secretName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
const secretsBody = z
  .object({ secrets: z.record(secretName, z.string().min(1).max(4096).nullable()).describe('Name → value; null removes the secret. Other secrets are kept.') })
  .strict();

const consoleBody = z
  .object({
    text: z.string().min(1).max(2000).describe('The test customer’s message (a button’s payload counts as its text)'),
    state: botStateSchema.nullable().default(null).describe('The state returned by the previous console turn; null (or absent) starts a new test conversation'),
  })
  .strict();

const consoleDto = z.object({
  replies: z.array(z.array(z.record(z.string(), z.unknown()))).describe('The bot’s messages, as content blocks'),
  state: z.record(z.string(), z.unknown()).describe('Send it back with the next turn'),
  nlu: z.object({
    language: z.string(),
    intent: z.string().nullable().describe('The intent the policy retained (above thresholds.intent), or null'),
    confidence: z.number(),
    oos: z.boolean(),
    threshold: z.number(),
    ranking: z.array(z.object({ intent: z.string(), confidence: z.number() })),
    features: z
      .array(z.object({ feature: z.string(), kind: z.string(), weight: z.number() }))
      .describe('The words, word pairs and character sequences that weighed most towards the top intent'),
  }),
  entities: z.array(z.object({ kind: z.string(), name: z.string(), text: z.string(), normalized: z.string() })),
  slots: z.record(z.string(), z.string()),
  attributes: z.record(z.string(), z.unknown()),
  decision: z
    .object({ kind: z.enum(['scenario', 'answer', 'kb', 'choices', 'rephrase', 'offer_human', 'handoff', 'small_talk', 'silent']) })
    .catchall(z.unknown())
    .describe('What the policy did: run a scenario, a fixed answer, a knowledge-base answer, offer choices, ask to rephrase, offer a human, hand off'),
  http: z
    .array(z.object({ stepId: z.string(), method: z.string(), url: z.string(), ok: z.boolean(), status: z.number().int(), body: z.unknown() }))
    .describe('HTTP actions run during the turn, with their responses (secret values masked)'),
  notes: z
    .array(z.object({ kind: z.enum(['otp_not_sent', 'end']) }).catchall(z.unknown()))
    .describe(`otp_not_sent: no code is sent in test mode; type \`code\` (${consoleOtpCode(6)} for six digits). end: the scenario ended`),
});

const importReportDto = z.object({
  created: z.array(z.string()).describe('Intents created'),
  updated: z.array(z.string()).describe('Existing intents that received phrases or an answer'),
  phrasesAdded: z.number().int(),
  phrasesKnown: z.number().int().describe('Phrases the draft already had'),
  answersAdded: z.number().int(),
  entities: z.array(z.string()).describe('Entity names the annotations used (their text is kept in the phrase)'),
  skipped: z.array(z.object({ item: z.string(), reason: z.string() })),
});

// A definition may be sent as YAML to create or save a bot; an intent import takes any raw file.
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const author = z.object({ id: z.string(), name: z.string() }).nullable();
const versionDto = z.object({
  version: z.number().int(),
  name: z.string(),
  savedAt: z.string(),
  savedBy: author.describe('Who saved it; null for the system (the demo bot) and versions saved before the history existed'),
  publishedAt: z.string().nullable().describe('When this version was last published, if ever'),
  publishedBy: author,
});
const versionParams = idParams.extend({ version: z.coerce.number().int().min(1) });

function toVersionDto(v: BotVersionSummary): z.infer<typeof versionDto> {
  return {
    version: v.version,
    name: v.name,
    savedAt: v.savedAt.toISOString(),
    savedBy: v.savedBy,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedBy,
  };
}

function toBotDto(bot: StoredBot): z.infer<typeof botDto> {
  return {
    id: bot.id,
    name: bot.name,
    version: bot.version,
    publishedVersion: bot.publishedVersion,
    definition: bot.definition as unknown as Record<string, unknown>,
    secretNames: bot.secretNames,
    createdAt: bot.createdAt.toISOString(),
    updatedAt: bot.updatedAt.toISOString(),
  };
}

/**
 * Virtual agents: list, create/import, read, save a draft, publish, export, attach to a channel;
 * set its write-only secrets; and the demo back-office the demo bot calls (`/demo/api/orders/{ref}`,
 * `POST /demo/api/address-changes`), served only with PARLEY_DEMO.
 *
 * @example
 * await app.register(botRoutes(ctx));
 */
export function botRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    const deps = ctx.useCases;
    const tags = ['bots'];

    // YAML bodies become the same object a JSON body would: the routes validate them alike.
    for (const type of YAML_TYPES)
      app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => {
        const read = parseDefinitionYaml(String(body));
        if (read.ok) done(null, read.value);
        else done(new AppError('validation_failed', `Invalid YAML: ${read.error}`, { issues: [read.error] }));
      });

    app.get(
      '/api/v1/bots',
      { schema: { tags, summary: 'The workspace’s bots', response: { 200: z.object({ items: z.array(botDto) }) } } },
      async (request) => ({
        items: (await listBots(deps, principalOf(request))).map(toBotDto),
      }),
    );

    app.post(
      '/api/v1/bots',
      {
        schema: {
          tags,
          summary: 'Create or import a bot (needs channels:manage); the body is JSON or YAML (Content-Type: application/yaml)',
          querystring: z.object({ publish: z.enum(['true', 'false']).optional() }),
          body: definitionBody,
          response: { 201: botDto, 403: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(toBotDto(await createBot(deps, principalOf(request), request.body, { publish: request.query.publish === 'true' }))),
    );

    app.get('/api/v1/bots/:id', { schema: { tags, summary: 'One bot', params: idParams, response: { 200: botDto, 404: errorSchema } } }, async (request) =>
      toBotDto(await getBot(deps, principalOf(request), request.params.id)),
    );

    app.get(
      '/api/v1/bots/:id/stats',
      {
        schema: {
          tags,
          summary: 'Containment, handoff and fallback rates of a bot, and its channels',
          params: idParams,
          response: { 200: botStatsDto, 404: errorSchema },
        },
      },
      async (request) => getBotStats(deps, principalOf(request), request.params.id),
    );

    app.put(
      '/api/v1/bots/:id',
      {
        schema: {
          tags,
          summary: 'Save a new draft version (needs channels:manage); the body is JSON or YAML (Content-Type: application/yaml)',
          params: idParams,
          body: definitionBody,
          response: { 200: botDto, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => toBotDto(await updateBot(deps, principalOf(request), request.params.id, request.body)),
    );

    app.put(
      '/api/v1/bots/:id/secrets',
      {
        schema: {
          tags,
          summary: 'Set or remove bot secrets, used as {{secrets.NAME}} in HTTP actions (write-only; needs channels:manage)',
          params: idParams,
          body: secretsBody,
          response: { 200: z.object({ names: z.array(z.string()) }), 403: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => ({ names: await setBotSecrets(deps, principalOf(request), request.params.id, request.body.secrets) }),
    );

    app.post(
      '/api/v1/bots/:id/publish',
      {
        schema: {
          tags,
          summary: 'Publish the draft: conversations use it from their next turn',
          params: idParams,
          response: { 200: botDto, 404: errorSchema },
        },
      },
      async (request) => toBotDto(await publishBot(deps, principalOf(request), request.params.id)),
    );

    app.get(
      '/api/v1/bots/:id/export',
      {
        schema: {
          tags,
          summary: 'Export the draft definition as JSON (default) or YAML, importable with POST /api/v1/bots',
          params: idParams,
          querystring: z.object({ format: z.enum(['json', 'yaml']).default('json') }),
          response: {
            200: z.union([z.record(z.string(), z.unknown()), z.string()]).describe('The definition: a JSON object, or YAML text with format=yaml'),
            404: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const bot = await getBot(deps, principalOf(request), request.params.id);
        const file = `bot-${bot.id}-v${bot.version}`;
        if (request.query.format === 'yaml')
          return reply
            .type('application/yaml; charset=utf-8')
            .header('content-disposition', `attachment; filename="${file}.yaml"`)
            .send(definitionToYaml(bot.definition));
        return reply.header('content-disposition', `attachment; filename="${file}.json"`).send(bot.definition as unknown as Record<string, unknown>);
      },
    );

    app.get(
      '/api/v1/bots/:id/versions',
      {
        schema: {
          tags,
          summary: 'Version history: every saved draft, newest first, with who saved and published it',
          params: idParams,
          response: { 200: z.object({ items: z.array(versionDto) }), 404: errorSchema },
        },
      },
      async (request) => ({ items: (await listBotVersions(deps, principalOf(request), request.params.id)).map(toVersionDto) }),
    );

    app.get(
      '/api/v1/bots/:id/versions/:version',
      {
        schema: {
          tags,
          summary: 'One saved version with its definition',
          params: versionParams,
          response: { 200: versionDto.extend({ definition: z.record(z.string(), z.unknown()) }), 404: errorSchema },
        },
      },
      async (request) => {
        const v = await getBotVersion(deps, principalOf(request), request.params.id, request.params.version);
        return { ...toVersionDto(v), definition: v.definition as unknown as Record<string, unknown> };
      },
    );

    app.post(
      '/api/v1/bots/:id/versions/:version/restore',
      {
        schema: {
          tags,
          summary: 'Restore a saved version into the draft, as a new draft version (needs channels:manage; publish separately)',
          params: versionParams,
          response: { 200: botDto, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => toBotDto(await restoreBotVersion(deps, principalOf(request), request.params.id, request.params.version)),
    );

    app.post(
      '/api/v1/bots/:id/console',
      {
        schema: {
          tags,
          summary: 'Test console: one turn of the draft, explained (needs channels:manage; stores and sends nothing)',
          description:
            'Runs the draft definition on a test message: no conversation, timeline entry or outbound message. HTTP actions do run, with the bot’s secrets filled in (never echoed). An OTP step sends no code: it accepts the test code given in `notes`.',
          params: idParams,
          body: consoleBody,
          response: { 200: consoleDto, 403: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const turn = await runBotConsole(deps, principalOf(request), request.params.id, request.body);
        return { ...turn, state: turn.state as unknown as Record<string, unknown> };
      },
    );

    // Its own scope: the file is the raw body whatever its type (a YAML nlu.yml must not be read
    // as a bot definition by the parser above).
    const importRoute: FastifyPluginAsyncZod = async (child) => {
      child.removeAllContentTypeParsers();
      child.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
      child.post(
        '/api/v1/bots/:id/import',
        {
          bodyLimit: IMPORT_MAX_BYTES,
          schema: {
            tags,
            summary: 'Import intents from Rasa or Dialogflow into the draft (needs channels:manage; saves a new draft version)',
            description:
              'The file is the raw body. `format=rasa`: a Rasa 3.x `nlu.yml` (text/yaml or text/plain); its phrases go to `lang` (default: the bot’s default language); entity annotations become plain text; synonyms, lookups and regexes are skipped. `format=dialogflow`: a Dialogflow ES agent export (application/zip); training phrases per language, text responses as fixed answers, fallback intents skipped. Phrases are added to existing intents without duplicates; nothing is removed.',
            params: idParams,
            querystring: z.object({ format: z.enum(['rasa', 'dialogflow']), lang: z.string().min(2).max(15).optional() }),
            response: { 200: z.object({ bot: botDto, report: importReportDto }), 403: errorSchema, 404: errorSchema, 422: errorSchema },
          },
        },
        async (request) => {
          const body: unknown = request.body;
          const data = Buffer.isBuffer(body) ? new Uint8Array(body) : typeof body === 'string' ? new TextEncoder().encode(body) : null;
          if (!data || data.length === 0) throw new AppError('validation_failed', 'Send the file as the raw body', { issues: ['body: the exported file'] });
          const { query } = request;
          const result = await importBotIntents(deps, principalOf(request), request.params.id, {
            format: query.format,
            data,
            ...(query.lang ? { lang: query.lang } : {}),
          });
          return { bot: toBotDto(result.bot), report: result.report };
        },
      );
    };
    await app.register(importRoute);

    app.patch(
      '/api/v1/channels/:id',
      {
        schema: {
          tags: ['channels'],
          summary: 'Attach a bot to a channel, or detach it with null (needs channels:manage)',
          params: idParams,
          body: z.object({ botId: z.uuid().nullable() }).strict(),
          response: { 200: z.object({ id: z.string(), botId: z.string().nullable() }), 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        await attachBotToChannel(deps, principalOf(request), request.params.id, request.body.botId);
        return { id: request.params.id, botId: request.body.botId };
      },
    );

    if (ctx.demoChannelId) {
      app.get<{ Params: { ref: string }; Querystring: { lang?: string } }>(
        '/demo/api/orders/:ref',
        { config: { public: true }, schema: { hide: true } },
        async (request, reply) => {
          const order = demoOrder(request.params.ref, request.query.lang === 'en' ? 'en' : 'fr');
          return order ? order : reply.status(404).send({ error: { code: 'not_found', message: 'No such demo order' } });
        },
      );

      // The demo back-office's address changes, kept in memory (a demo, not a store). Posting is
      // public like the order lookup (the demo bot calls it); reading them back needs a session.
      const changes: DemoAddressChange[] = [];
      let sequence = 0;
      app.post('/demo/api/address-changes', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
        const change = demoAddressChange(request.body, sequence + 1, new Date());
        if (!change) return reply.status(422).send({ error: { code: 'validation_failed', message: 'An address is required' } });
        sequence += 1;
        changes.push(change);
        if (changes.length > 100) changes.shift();
        return reply.status(201).send(change);
      });
      app.get('/demo/api/address-changes', { schema: { hide: true } }, async () => ({ items: changes }));
    }
  };
}
