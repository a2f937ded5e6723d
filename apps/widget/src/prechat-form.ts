import type { Dom } from './dom.js';
import type { Strings } from './i18n.js';

// Deliberately loose: the server has the last word, this only catches typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface PrechatAnswers {
  name?: string;
  email?: string;
}

/** Validates the pre-chat answers; returns the error to show, or null. */
export function validatePrechat(
  answers: { name: string; email: string },
  requireEmail: boolean,
  t: Strings,
): { field: 'name' | 'email'; message: string } | null {
  if (!answers.name.trim()) return { field: 'name', message: t.nameRequired };
  const email = answers.email.trim();
  if ((requireEmail || email) && !EMAIL.test(email)) return { field: 'email', message: t.invalidEmail };
  return null;
}

/**
 * The form shown before the first message when the channel asks for it.
 * @example panel.append(createPrechatForm(dom, t, { requireEmail: true }, (answers) => chat.submitPrechat(answers)))
 */
export function createPrechatForm(
  dom: Dom,
  t: Strings,
  options: { requireEmail: boolean },
  submit: (answers: PrechatAnswers) => Promise<void>,
): HTMLFormElement {
  const { h } = dom;
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', required: true, maxlength: 200 });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: options.requireEmail, maxlength: 320 });
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t.start);
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-label': t.prechatIntro },
    h('p', {}, t.prechatIntro),
    h('label', {}, t.name, name),
    h('label', {}, options.requireEmail ? t.email : `${t.email} ${t.optional}`, email),
    error,
    button,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = validatePrechat({ name: name.value, email: email.value }, options.requireEmail, t);
    name.setAttribute('aria-invalid', String(problem?.field === 'name'));
    email.setAttribute('aria-invalid', String(problem?.field === 'email'));
    error.textContent = problem?.message ?? '';
    if (problem) {
      (problem.field === 'name' ? name : email).focus();
      return;
    }
    button.disabled = true;
    const answers: PrechatAnswers = { name: name.value.trim() };
    if (email.value.trim()) answers.email = email.value.trim();
    submit(answers).catch(() => {
      error.textContent = t.error;
      button.disabled = false;
    });
  });
  return form;
}
