import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { texts } from '../../cards/texts.js';

// Scaffold: the shell, host connection and views follow.
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <p>{texts('nl').welcome.text}</p>
    </StrictMode>,
  );
