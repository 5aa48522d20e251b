import { Title2 } from '@fluentui/react-components';
import { useTexts } from '../context.js';

// PLACEHOLDER from the shell part: the monitoring part builds the real view (with the charts) in
// this file; the merger takes theirs. The shell loads it with React.lazy, as a chunk of its own.

export function Monitoring() {
  return <Title2 as="h2">{useTexts().tab.monitoring.title}</Title2>;
}
