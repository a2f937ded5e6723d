import type { Smiley } from '@parley/realtime-protocol';
import type { Dom } from './dom.js';
import type { Strings } from './i18n.js';

export interface CsatAnswers {
  welcome: Smiley;
  waiting: Smiley;
  answer: Smiley;
  comment?: string;
}

const SMILEYS: Array<{ value: Smiley; face: string }> = [
  { value: 'good', face: '😀' },
  { value: 'neutral', face: '😐' },
  { value: 'bad', face: '🙁' },
];

/**
 * The satisfaction survey: three questions with green/orange/red smileys, a comment, then thanks.
 * @example scroll.append(createCsatCard(dom, t, (answers) => chat.submitCsat({ conversationId, ...answers })))
 */
export function createCsatCard(dom: Dom, t: Strings, submit: (answers: CsatAnswers) => Promise<void>): HTMLElement {
  const { h } = dom;
  const chosen: Partial<Record<'welcome' | 'waiting' | 'answer', Smiley>> = {};
  const button = h('button', { type: 'submit', class: 'primary', disabled: true }, t.submit);
  const comment = h('textarea', { maxlength: 2000, rows: 2, 'aria-label': t.comment, placeholder: t.comment });
  const error = h('p', { class: 'error', role: 'alert' });
  const questions = (['welcome', 'waiting', 'answer'] as const).map((key) => {
    const label = key === 'welcome' ? t.csatWelcome : key === 'waiting' ? t.csatWaiting : t.csatAnswer;
    const labelId = `parley-csat-${key}`;
    const buttons = SMILEYS.map(({ value, face }) => {
      const smiley = h(
        'button',
        { type: 'button', class: `smiley ${value}`, 'aria-pressed': 'false', 'aria-label': `${label} : ${t[value]}`, title: t[value] },
        face,
      );
      smiley.addEventListener('click', () => {
        chosen[key] = value;
        for (const other of buttons) other.setAttribute('aria-pressed', String(other === smiley));
        button.disabled = !(chosen.welcome && chosen.waiting && chosen.answer);
      });
      return smiley;
    });
    return h(
      'div',
      { class: 'csat-row', role: 'group', 'aria-labelledby': labelId },
      h('span', { id: labelId }, label),
      h('div', { class: 'smileys' }, ...buttons),
    );
  });
  const form = h(
    'form',
    { class: 'csat', 'aria-labelledby': 'parley-csat-title' },
    h('h3', { id: 'parley-csat-title' }, t.csatTitle),
    ...questions,
    comment,
    error,
    button,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { welcome, waiting, answer } = chosen;
    if (!welcome || !waiting || !answer) return;
    button.disabled = true;
    const answers: CsatAnswers = { welcome, waiting, answer };
    if (comment.value.trim()) answers.comment = comment.value.trim();
    submit(answers)
      .then(() => {
        const thanks = h('p', { class: 'thanks', tabindex: -1, role: 'status' }, t.thanks);
        while (form.firstChild) form.removeChild(form.firstChild);
        form.appendChild(thanks);
        thanks.focus();
      })
      .catch(() => {
        error.textContent = t.error;
        button.disabled = false;
      });
  });
  return form;
}
