import type { Entity } from './entity.js';

/** A slot a bot needs to fill before acting. */
export interface SlotDefinition {
  readonly name: string;
  /** Entity name that fills it: a built-in kind ("datetime", "amount"...) or a custom entity name. */
  readonly entity: string;
  readonly required?: boolean;
  /** Question to ask when the slot is missing, per language. */
  readonly prompt?: Readonly<Record<string, string>>;
}

/** Current state of a slot-filling dialogue. */
export interface SlotState {
  readonly filled: Readonly<Record<string, Entity>>;
  /** Required slots still empty, in definition order. */
  readonly missing: string[];
  /** Prompt for the first missing slot, when defined. */
  readonly nextPrompt: string | null;
  readonly complete: boolean;
}

/**
 * Fills slots from a message's entities, keeping earlier values unless a new entity of the same
 * kind arrives (users correct themselves: "non, plutôt jeudi").
 *
 * @example
 * const slots = [{ name: 'when', entity: 'datetime', required: true, prompt: { fr: 'Pour quand ?' } }];
 * fillSlots(slots, [], {}, 'fr').nextPrompt // 'Pour quand ?'
 */
export function fillSlots(
  definitions: readonly SlotDefinition[],
  entities: readonly Entity[],
  previous: Readonly<Record<string, Entity>> = {},
  language = 'en',
): SlotState {
  const filled: Record<string, Entity> = { ...previous };
  const used = new Set<Entity>();
  for (const def of definitions) {
    const match = entities.find((e) => !used.has(e) && (e.name === def.entity || e.kind === def.entity));
    if (match) {
      filled[def.name] = match;
      used.add(match);
    }
  }
  const missing = definitions.filter((d) => d.required !== false && !filled[d.name]).map((d) => d.name);
  const first = definitions.find((d) => d.name === missing[0]);
  const nextPrompt = first?.prompt ? (first.prompt[language] ?? Object.values(first.prompt)[0] ?? null) : null;
  return { filled, missing, nextPrompt, complete: missing.length === 0 };
}
