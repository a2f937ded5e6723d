// Function words carry no topic: matching "the" or "de" must not pull an answer up. The lists are
// accent-folded (the analyzer folds before it filters) and short. Question words ("how", "comment")
// are in them: nearly every FAQ question has one, so they only add noise to short phrasings.
const EN = `a an and are as at be been but by can could did do does doing for from had has have having he her here hers him his how i if in into is it its
itself just me my myself no nor not of off on once only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours
yourself am any about again all also each few more most s t don doesn didn isn wasn aren weren won wouldn shouldn couldn ve ll re d m`;

const FR = `a au aux avec ce ces c dans de des du elle en et eux il ils je j la le les leur lui ma mais me m meme mes moi mon ne n nos notre nous on ou
par pas pour qu que qui sa se s ses son sur ta te t tes toi ton tu un une vos votre vous l d y est sont suis es etes etait ete avoir ai as avons avez ont
cet cette ceux celle celles ici la comment quel quelle quels quelles quoi est-ce ca cela ceci donc alors si tres plus moins tout tous toute toutes`;

const LISTS: Record<string, ReadonlySet<string>> = {
  en: new Set(EN.split(/\s+/).filter(Boolean)),
  fr: new Set(FR.split(/\s+/).filter(Boolean)),
};

/**
 * Returns the stop-word set of a language (empty for languages without a list).
 *
 * @example
 * stopWords('en').has('the') // true
 */
export function stopWords(language: string): ReadonlySet<string> {
  return LISTS[language] ?? new Set<string>();
}
