import { describe, expect, it, vi } from 'vitest';
import { asFake, fakeDocument, type FakeElement } from '../test/support/fake-dom.js';
import { createCsatCard } from './csat-card.js';
import { createDom } from './dom.js';
import { strings } from './i18n.js';
import { createPrechatForm, validatePrechat } from './prechat-form.js';

const t = strings('fr');

describe('pre-chat form', () => {
  it('requires a name, and a valid email when the channel says so', () => {
    expect(validatePrechat({ name: ' ', email: '' }, false, t)?.field).toBe('name');
    expect(validatePrechat({ name: 'Ana', email: '' }, false, t)).toBeNull();
    expect(validatePrechat({ name: 'Ana', email: '' }, true, t)?.field).toBe('email');
    expect(validatePrechat({ name: 'Ana', email: 'nope' }, false, t)?.field).toBe('email');
    expect(validatePrechat({ name: 'Ana', email: 'ana@example.fr' }, true, t)).toBeNull();
  });

  it('submits trimmed answers', async () => {
    const submit = vi.fn(() => Promise.resolve());
    const form = asFake(createPrechatForm(createDom(fakeDocument()), t, { requireEmail: true }, submit));
    const [name, email] = form.byTag('input') as [FakeElement, FakeElement];
    name.value = ' Ana ';
    form.dispatch('submit');
    expect(submit).not.toHaveBeenCalled();
    expect(email.focused).toBe(true);
    email.value = 'ana@example.fr ';
    form.dispatch('submit');
    expect(submit).toHaveBeenCalledWith({ name: 'Ana', email: 'ana@example.fr' });
  });
});

describe('CSAT card', () => {
  it('has labelled smiley buttons, submits the three answers and thanks the visitor', async () => {
    const submit = vi.fn(() => Promise.resolve());
    const card = asFake(createCsatCard(createDom(fakeDocument()), t, submit));
    const smileys = card.findAll((e) => (e.getAttribute('class') ?? '').startsWith('smiley '));
    expect(smileys).toHaveLength(9);
    expect(smileys.map((s) => s.getAttribute('aria-label')).slice(0, 3)).toEqual(['Accueil : Satisfait', 'Accueil : Moyen', 'Accueil : Pas satisfait']);
    const submitButton = card.byTag('button').find((b) => b.getAttribute('type') === 'submit')!;
    expect(submitButton.disabled).toBe(true);
    smileys[0]!.dispatch('click');
    smileys[4]!.dispatch('click');
    expect(submitButton.disabled).toBe(true);
    smileys[8]!.dispatch('click');
    expect(smileys[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(submitButton.disabled).toBe(false);
    card.byTag('textarea')[0]!.value = ' Top ';
    card.dispatch('submit');
    expect(submit).toHaveBeenCalledWith({ welcome: 'good', waiting: 'neutral', answer: 'bad', comment: 'Top' });
    await Promise.resolve();
    await Promise.resolve();
    expect(card.textContent).toBe(t.thanks);
  });
});
