import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/login.css';
import './styles/layout.css';
import './styles/conversation-list.css';
import './styles/conversation-view.css';
import './styles/customer-panel.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
