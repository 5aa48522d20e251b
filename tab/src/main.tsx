import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHost } from './host.js';
import { Boot } from './shell/Boot.js';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Boot connect={connectHost} />
    </StrictMode>,
  );
