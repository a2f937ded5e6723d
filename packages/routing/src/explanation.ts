import type { Explanation, ExplanationFactor } from './model.js';

type Lang = 'en' | 'fr';
const languageNames: Record<Lang, Intl.DisplayNames> = {
  en: new Intl.DisplayNames(['en'], { type: 'language' }),
  fr: new Intl.DisplayNames(['fr'], { type: 'language' }),
};

function languageName(code: string, lang: Lang): string {
  try {
    return languageNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

const PREFERRED_OUTCOME: Record<Lang, Record<string, string>> = {
  en: {
    chosen: 'chosen',
    offline: 'offline',
    unavailable: 'unavailable',
    not_qualified: 'not qualified',
    timed_out: 'did not free up in time',
    waiting: 'awaited',
  },
  fr: {
    chosen: 'choisi',
    offline: 'hors ligne',
    unavailable: 'indisponible',
    not_qualified: 'non qualifié',
    timed_out: "ne s'est pas libéré à temps",
    waiting: 'attendu',
  },
};

// Priority reasons are stable tokens in the factors; the sentence names them in the UI language.
const PRIORITY_REASON: Record<Lang, Record<string, string>> = {
  en: { vip: 'VIP', bot_handoff: 'bot handoff', angry: 'angry customer', escalated: 'escalated' },
  fr: { vip: 'VIP', bot_handoff: 'relais du bot', angry: 'client en colère', escalated: 'escaladée' },
};

const HOOK_OUTCOME: Record<Lang, Record<string, string>> = {
  en: {
    chosen: 'chosen by the routing hook',
    no_choice: "routing hook left the choice to Parley, Parley's choice",
    timeout: "routing hook timed out, Parley's choice",
    error: "routing hook failed, Parley's choice",
    invalid: "routing hook answer unreadable, Parley's choice",
    ineligible: "routing hook picked an ineligible advisor, Parley's choice",
  },
  fr: {
    chosen: 'choisi par le hook de routage',
    no_choice: 'hook de routage sans préférence, choix de Parley',
    timeout: 'hook de routage sans réponse à temps, choix de Parley',
    error: 'échec du hook de routage, choix de Parley',
    invalid: 'réponse du hook de routage illisible, choix de Parley',
    ineligible: 'hook de routage : conseiller non éligible, choix de Parley',
  },
};

function priorityReason(reason: string, lang: Lang): string {
  return PRIORITY_REASON[lang][reason] ?? reason;
}

function factorText(f: ExplanationFactor, lang: Lang, names: (id: string) => string): string | null {
  const fr = lang === 'fr';
  switch (f.kind) {
    case 'skill':
      return `${fr ? 'compétence' : 'skill'} ${f.skill} ${f.level}/5`;
    case 'language':
      return languageName(f.language, lang);
    case 'load':
      return `${fr ? 'charge' : 'load'} ${f.load}/${f.capacity}`;
    case 'waited':
      return `${fr ? 'attente' : 'waited'} ${f.seconds} s`;
    case 'team':
      return `${fr ? 'équipe' : 'team'} ${names(f.team)}`;
    case 'priority':
      return f.reasons.length > 0
        ? `${fr ? 'priorité' : 'priority'} ${Math.round(f.score)} (${f.reasons.map((r) => priorityReason(r, lang)).join(', ')})`
        : null;
    case 'preferred': {
      const who = f.reason === 'last_agent' ? (fr ? 'dernier conseiller' : 'last advisor') : fr ? 'conseiller attitré' : 'preferred advisor';
      return `${who} ${f.name} ${PREFERRED_OUTCOME[lang][f.outcome] ?? f.outcome}`;
    }
    case 'declined':
      return `${fr ? 'refusée par' : 'declined by'} ${f.agentIds.map(names).join(', ')}`;
    case 'no_agent':
      return fr
        ? `aucun conseiller disponible (${f.qualified} qualifiés, ${f.online} en ligne)`
        : `no advisor available (${f.qualified} qualified, ${f.online} online)`;
    case 'overflow':
      return fr ? `débordement vers ${names(f.toQueueId)} après ${f.afterSec} s` : `overflow to ${names(f.toQueueId)} after ${f.afterSec} s`;
    case 'after_hours': {
      const action = { bot: fr ? 'assistant' : 'bot', leave_message: fr ? 'laisser un message' : 'leave a message', callback: fr ? 'rappel' : 'callback' }[
        f.action
      ];
      return fr
        ? `hors horaires : ${action}${f.nextOpenAt ? `, ouverture ${f.nextOpenAt}` : ''}`
        : `outside business hours: ${action}${f.nextOpenAt ? `, opens ${f.nextOpenAt}` : ''}`;
    }
    case 'hook':
      return HOOK_OUTCOME[lang][f.outcome] ?? f.outcome;
    case 'mode':
      return fr ? `mode ${f.mode === 'pull' ? 'libre-service' : 'manuel'}` : `${f.mode} mode`;
  }
}

/**
 * Builds the FR/EN sentence for a decision from its factors: the head ("assigned to Léa"),
 * the qualifying factors, then the side notes (preferred advisor, declines) after a semicolon.
 *
 * @example
 * explain({ en: 'assigned to Léa', fr: 'attribuée à Léa' }, factors, (id) => names[id] ?? id).text.en;
 * // "assigned to Léa: skill billing 5/5, French, load 1/3, waited 42 s; preferred advisor Marc offline"
 */
export function explain(head: { en: string; fr: string }, factors: ExplanationFactor[], names: (id: string) => string = (id) => id): Explanation {
  const sentence = (lang: Lang): string => {
    const main: string[] = [];
    const notes: string[] = [];
    for (const f of factors) {
      const text = factorText(f, lang, names);
      if (!text) continue;
      if ((f.kind === 'preferred' && f.outcome !== 'chosen') || f.kind === 'declined') notes.push(text);
      else main.push(text);
    }
    const sep = lang === 'fr' ? ' : ' : ': ';
    return `${head[lang]}${main.length > 0 ? sep + main.join(', ') : ''}${notes.length > 0 ? (lang === 'fr' ? ' ; ' : '; ') + notes.join(', ') : ''}`;
  };
  return { factors, text: { en: sentence('en'), fr: sentence('fr') } };
}
