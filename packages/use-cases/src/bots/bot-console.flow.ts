import { AppError } from '@parley/kernel';
import { requirePermission, type Principal } from '@parley/domain';
import { fillSecrets, runConsoleTurn, type BotState, type ConsoleTurn } from '@parley/bots';
import type { UseCaseDeps } from '../deps.js';
import { compiledDraftOf } from './compiled-bots.js';

/**
 * One turn of the builder's test console: the bot's DRAFT answers `text` from `state` (null for
 * a new test conversation). Nothing is stored, no message is sent and no code leaves: the client
 * keeps the state and sends it back. HTTP actions run through the bot's SSRF-guarded client with
 * its secrets filled in; a secret's value that comes back in a response is masked.
 *
 * @example
 * const turn = await runBotConsole(deps, principal, botId, { text: 'où est ma commande ?', state: null });
 * const next = await runBotConsole(deps, principal, botId, { text: 'CMD-10042', state: turn.state });
 */
export async function runBotConsole(
  deps: UseCaseDeps,
  principal: Principal,
  id: string,
  input: { text: string; state: BotState | null },
): Promise<ConsoleTurn> {
  requirePermission(principal, 'channels:manage');
  const bots = deps.bots;
  if (!bots) throw new AppError('invalid_state', 'Bots are not enabled on this server');
  const repo = bots.repository(deps.store.read);
  const stored = await repo.get(principal.workspaceId, id);
  if (!stored) throw new AppError('not_found', `Bot ${id} does not exist`);
  const bot = compiledDraftOf(stored);
  if (!bot) throw new AppError('validation_failed', 'The draft is not a valid bot definition');
  const sealed = await repo.getSealedSecrets(principal.workspaceId, id);
  const secrets = sealed ? deps.secrets.open(sealed) : {};
  const turn = await runConsoleTurn(bot, input.state, input.text, deps.clock.now(), {
    http: async (request) => {
      const response = await bots.http(fillSecrets(request, secrets));
      return { ...response, body: maskSecrets(response.body, Object.values(secrets)) };
    },
    answer: async (question, lang) => (bots.answer ? bots.answer(principal.workspaceId, question, lang) : null),
  });
  return turn;
}

// A service that echoes its request (headers, body) would hand the secret back to the author's
// screen: every occurrence of a secret's value is replaced before the response leaves the server.
function maskSecrets(body: unknown, values: string[]): unknown {
  const secrets = values.filter((v) => v.length >= 3);
  if (secrets.length === 0) return body;
  const mask = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('••••••'), text);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return mask(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), walk(v)]));
    return value;
  };
  return walk(body);
}
