import { useState } from 'react';
import type { KbAnswer, KnowledgeApi } from './knowledge-api.js';
import type { KnowledgeText } from './knowledge-text.js';

/** Asks the answer engine a question and shows the five best answers with "why this answer". */
export function AskPanel({ api, text, onOpen }: { api: KnowledgeApi; text: KnowledgeText; onOpen: (articleId: string) => void }) {
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<KbAnswer[] | null>(null);
  const ask = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!question.trim()) return;
    setAnswers((await api.ask(question.trim())).answers);
  };
  return (
    <section className="kb-ask" aria-label={text.ask}>
      <form onSubmit={ask} className="kb-ask__form">
        <input value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={text.ask} maxLength={2000} data-testid="kb-ask-input" />
        <button type="submit" className="button button--ghost" data-testid="kb-ask-button">
          {text.askButton}
        </button>
      </form>
      {answers === null ? null : answers.length === 0 ? (
        <p className="kb-muted">{text.noAnswer}</p>
      ) : (
        <ol className="kb-ask__answers">
          {answers.map((a) => (
            <li key={a.articleId} data-testid="kb-answer" data-article-id={a.articleId}>
              <button type="button" className="kb-link" onClick={() => onOpen(a.articleId)}>
                {a.title}
              </button>{' '}
              <span className="kb-muted">{Math.round(a.confidence * 100)} %</span>
              <p className="kb-muted">{a.passage}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
