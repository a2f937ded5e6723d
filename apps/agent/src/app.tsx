import { I18nProvider } from './i18n/i18n-context.js';
import { SessionGate } from './components/session-gate.js';

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}
