import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from '../state/session-context.js';
import { knowledgeText } from './knowledge-text.js';

export type Section = 'conversations' | 'knowledge';

/** Header switch between the conversations and the knowledge base (shown to knowledge editors only). */
export function SectionSwitch({ section, onSection }: { section: Section; onSection: (section: Section) => void }) {
  const { locale } = useI18n();
  const { me } = useSession();
  if (!me.permissions.includes('knowledge:write')) return null;
  const text = knowledgeText(locale);
  return section === 'knowledge' ? (
    <button type="button" className="button button--ghost" onClick={() => onSection('conversations')} data-testid="nav-conversations">
      {text.back}
    </button>
  ) : (
    <button type="button" className="button button--ghost" onClick={() => onSection('knowledge')} data-testid="nav-knowledge">
      {text.title}
    </button>
  );
}
